namespace Hardware.Boards;

/// <summary>Partition labels of the OBU boards (see <see cref="ObuBoards"/>).</summary>
public static class ObuPartitions
{
    /// <summary>Second-stage bootloader image.</summary>
    public const string Bootloader = "bootloader";

    /// <summary>The partition table sector itself.</summary>
    public const string PartitionTable = "ptable";

    /// <summary>NVS-like data partition: counters, minimum versions, settings, board state.</summary>
    public const string Nvs = "nvs";

    /// <summary>Secure OS image (boots both partitions, patent fig. 5).</summary>
    public const string Os = "os";

    /// <summary>Integrity detection function image (the secure partition).</summary>
    public const string Idf = "idf";

    /// <summary>V2X application image (the application partition).</summary>
    public const string App = "app";

    /// <summary>Black-box (event data recorder) data partition.</summary>
    public const string BlackBox = "blackbox";

    /// <summary>The image partitions, in boot order (patent ¶138-141: each stage checks the next).</summary>
    public static IReadOnlyList<string> Images { get; } = [Bootloader, Os, Idf, App];
}
