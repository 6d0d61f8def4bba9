namespace Hardware.Flash;

/// <summary>What is wrong with a partition table.</summary>
public enum PartitionTableError
{
    /// <summary>An entry neither starts with the entry magic 0xAA 0x50, the MD5 magic 0xEB 0xEB, nor is erased (0xFF).</summary>
    BadMagic,

    /// <summary>The MD5 entry does not match the entries before it.</summary>
    BadMd5,

    /// <summary>The table is longer than 0xC00 bytes (95 entries plus the MD5 entry).</summary>
    TooLong,

    /// <summary>The binary table ends inside an entry.</summary>
    Truncated,

    /// <summary>Two partitions overlap.</summary>
    Overlap,

    /// <summary>An offset or size is not aligned as the type requires.</summary>
    Misaligned,

    /// <summary>A partition ends past the flash size.</summary>
    OutOfFlash,

    /// <summary>Two partitions have the same label.</summary>
    DuplicateLabel,

    /// <summary>A label is empty, longer than 16 bytes or not ASCII.</summary>
    BadLabel,

    /// <summary>A CSV row cannot be read (columns, type, subtype, number, flag).</summary>
    BadCsv,

    /// <summary>A partition has size zero.</summary>
    EmptyPartition,
}
