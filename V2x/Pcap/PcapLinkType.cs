namespace V2x.Pcap;

/// <summary>
/// The link-layer header type of a capture (tcpdump.org LINKTYPE_ values, as in the classic pcap
/// header's network field); any other value is carried as its number.
/// </summary>
public enum PcapLinkType : uint
{
    /// <summary>LINKTYPE_ETHERNET: IEEE 802.3 Ethernet frames without preamble or FCS.</summary>
    Ethernet = 1,
}
