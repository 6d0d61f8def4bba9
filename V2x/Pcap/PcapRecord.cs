namespace V2x.Pcap;

/// <summary>
/// One captured packet: when it was captured, its length on the wire and the captured octets (at
/// most the snapshot length, so possibly fewer than <see cref="OriginalLength"/>).
/// </summary>
/// <remarks>The data is held by reference: two records compare equal only if they share it.</remarks>
public sealed record PcapRecord(DateTimeOffset Timestamp, int OriginalLength, ReadOnlyMemory<byte> Data);
