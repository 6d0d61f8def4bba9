using Hardware.Flash;

namespace Hardware.Boards;

/// <summary>A board: its name, flash size and the partition table its flash is laid out by.</summary>
/// <param name="Name">Board name.</param>
/// <param name="FlashSizeBytes">Size of the flash.</param>
/// <param name="PartitionCsv">The partition table in ESP-IDF CSV form (the source of truth; the binary is generated).</param>
public sealed record BoardDescription(string Name, long FlashSizeBytes, string PartitionCsv)
{
    /// <summary>The parsed and validated partition table.</summary>
    /// <exception cref="PartitionTableException">The CSV is not a valid table for the flash size.</exception>
    public PartitionTable Partitions => PartitionTable.ParseCsv(PartitionCsv, flashSizeBytes: (ulong)FlashSizeBytes);

    /// <summary>The partition table in the binary form flashed at 0x8000.</summary>
    public byte[] PartitionTableBinary => Partitions.ToBinary();

    /// <summary>The layout on a board with <paramref name="flashSizeBytes"/> of flash.</summary>
    /// <exception cref="PartitionTableException">The layout does not fit (OutOfFlash, naming the board and both sizes) or is invalid.</exception>
    public PartitionTable PartitionsFor(long flashSizeBytes)
    {
        try
        {
            return PartitionTable.ParseCsv(PartitionCsv, flashSizeBytes: (ulong)flashSizeBytes);
        }
        catch (PartitionTableException e) when (e.Error == PartitionTableError.OutOfFlash)
        {
            throw new PartitionTableException(PartitionTableError.OutOfFlash,
                $"The {Name} layout needs {FlashSizeBytes / 1024} KiB of flash; this board has {flashSizeBytes / 1024} KiB ({e.Message})");
        }
    }
}
