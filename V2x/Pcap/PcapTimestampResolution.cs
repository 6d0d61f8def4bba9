namespace V2x.Pcap;

/// <summary>The sub-second unit of record timestamps, set by the file's magic number.</summary>
public enum PcapTimestampResolution
{
    /// <summary>Magic 0xa1b2c3d4: microseconds.</summary>
    Microseconds,

    /// <summary>Magic 0xa1b23c4d: nanoseconds (read only; <see cref="DateTimeOffset"/> keeps 100 ns).</summary>
    Nanoseconds,
}
