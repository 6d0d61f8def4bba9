namespace Hardware.Flash;

/// <summary>
/// Partitioned flash: the partition table, reads of a partition (as a stream or into a span),
/// writes and erases (flashing, OTA updates, tests that tamper an image). Offsets are relative
/// to the start of the partition; going past its end is a caller's mistake
/// (<see cref="ArgumentOutOfRangeException"/>), as is an unknown label (<see cref="ArgumentException"/>).
/// </summary>
public interface IFlashImage
{
    /// <summary>The partition table the flash is laid out by.</summary>
    PartitionTable Partitions { get; }

    /// <summary>Opens a read-only, seekable stream over one partition.</summary>
    Stream OpenRead(string label);

    /// <summary>Reads bytes of a partition.</summary>
    void Read(string label, long offsetBytes, Span<byte> destination);

    /// <summary>Writes bytes into a partition.</summary>
    void Write(string label, long offsetBytes, ReadOnlySpan<byte> source);

    /// <summary>
    /// Erases a range of a partition: every byte becomes 0xFF, as NOR flash erases (ESP-IDF
    /// esp_partition_erase_range). Offset and length are whole 4 KiB sectors.
    /// </summary>
    void Erase(string label, long offsetBytes, long lengthBytes);
}
