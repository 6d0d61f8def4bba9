namespace V2x.GeoNetworking;

/// <summary>GAC extended header (ETSI EN 302 636-4-1 v1.4.1 §9.8.5, Table 14; HT 3, HST = the area shape): the GBC layout.</summary>
public sealed record GeoAnycastHeader(ushort SequenceNumber, LongPositionVector Source, GeoArea Area) : GnExtendedHeader
{
    internal override byte HeaderTypeOctet => (byte)(0x30 | (byte)Area.Shape);

    internal override int Length => 4 + LongPositionVector.Length + GeoArea.Length;

    internal override void Write(Span<byte> destination) =>
        GeoBroadcastHeader.WriteAreaHeader(destination, SequenceNumber, Source, Area, "gac");
}
