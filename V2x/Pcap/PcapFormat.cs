namespace V2x.Pcap;

/// <summary>
/// Constants of the classic libpcap file format (tcpdump.org pcap-savefile(5); IETF
/// draft-ietf-opsawg-pcap "PCAP Capture File Format"): a 24-octet file header (magic, version 2.4,
/// reserved time zone and accuracy, snapshot length, link type) and a 16-octet header per record
/// (seconds, sub-second fraction, captured length, original length).
/// </summary>
internal static class PcapFormat
{
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;
    public const uint PcapNgMagic = 0x0A0D0D0A;
    public const ushort VersionMajor = 2;
    public const ushort VersionMinor = 4;
    public const int FileHeaderLength = 24;
    public const int RecordHeaderLength = 16;

    /// <summary>The largest snapshot length accepted, libpcap's MAXIMUM_SNAPLEN (262144).</summary>
    public const int MaxSnapLength = 262144;
}
