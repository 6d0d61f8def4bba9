namespace Hardware.Flash;

/// <summary>Partition flags (ESP-IDF partition table entry, 32-bit flags word, little-endian).</summary>
[Flags]
public enum PartitionFlags : uint
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>Bit 0: the partition is flash-encrypted (ESP-IDF "encrypted").</summary>
    Encrypted = 1,

    /// <summary>Bit 1: the partition is read-only (ESP-IDF "readonly", data partitions).</summary>
    ReadOnly = 2,
}
