namespace Hardware.Flash;

/// <summary>What is wrong with a firmware image header.</summary>
public enum FirmwareImageError
{
    /// <summary>Fewer than 128 bytes.</summary>
    Truncated,

    /// <summary>The first four bytes are not "OBUI" (an erased or foreign partition).</summary>
    BadMagic,

    /// <summary>A header format version this code does not read.</summary>
    UnsupportedFormat,

    /// <summary>The header CRC-32 does not match (a corrupted header).</summary>
    BadChecksum,

    /// <summary>The name or version field is not NUL-padded printable ASCII.</summary>
    BadText,

    /// <summary>The body does not fit in the partition.</summary>
    BodyTooLong,

    /// <summary>Reserved bytes are not zero.</summary>
    BadReserved,
}
