namespace V2x.Link;

/// <summary>
/// An Ethernet II (DIX) frame without preamble and FCS, as pcap captures carry it: destination,
/// source, EtherType and payload (IEEE 802.3 §3.2, Length/Type field holding a type).
/// </summary>
/// <remarks>The payload is held by reference: two frames compare equal only if they share it.</remarks>
public sealed record EthernetFrame(MacAddress Destination, MacAddress Source, ushort EtherType, ReadOnlyMemory<byte> Payload);
