using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>Multi-hop TSB extended header (ETSI EN 302 636-4-1 v1.4.1 §9.8.3, Table 12; HT 5, HST 1): sequence number, reserved, source position vector.</summary>
public sealed record TopologicallyScopedBroadcastHeader(ushort SequenceNumber, LongPositionVector Source) : GnExtendedHeader
{
    internal override byte HeaderTypeOctet => 0x51;

    internal override int Length => 4 + LongPositionVector.Length;

    internal override void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, SequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        Source.Write(destination[4..], "tsb.sourcePositionVector");
    }
}
