namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// Where the black box lives: NOR-flash-like bytes (erase to 0xFF in 4 KiB sectors, then write):
/// the simulated board's black-box partition, or a preallocated file on a Linux board.
/// </summary>
public interface IBlackBoxMedium
{
    /// <summary>Usable size.</summary>
    long CapacityBytes { get; }

    /// <summary>Reads bytes.</summary>
    void Read(long offsetBytes, Span<byte> destination);

    /// <summary>Writes bytes (into erased space).</summary>
    void Write(long offsetBytes, ReadOnlySpan<byte> source);

    /// <summary>Erases whole 4 KiB sectors to 0xFF.</summary>
    void Erase(long offsetBytes, long lengthBytes);
}
