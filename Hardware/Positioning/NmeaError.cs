namespace Hardware.Positioning;

/// <summary>What is wrong with an NMEA 0183 sentence.</summary>
public enum NmeaError
{
    /// <summary>Not "$" + address + fields + "*hh" (or longer than 82 characters).</summary>
    BadFraming,

    /// <summary>No checksum: this parser requires one.</summary>
    MissingChecksum,

    /// <summary>The checksum does not match.</summary>
    BadChecksum,

    /// <summary>A sentence type this parser does not read.</summary>
    Unsupported,

    /// <summary>A field is missing or not in its format.</summary>
    BadField,
}
