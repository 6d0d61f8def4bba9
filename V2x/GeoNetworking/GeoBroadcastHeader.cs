using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// GBC extended header (ETSI EN 302 636-4-1 v1.4.1 §9.8.5, Table 14; HT 4, HST = the area shape):
/// sequence number, reserved, source position vector and the destination area.
/// </summary>
public sealed record GeoBroadcastHeader(ushort SequenceNumber, LongPositionVector Source, GeoArea Area) : GnExtendedHeader
{
    internal override byte HeaderTypeOctet => (byte)(0x40 | (byte)Area.Shape);

    internal override int Length => 4 + LongPositionVector.Length + GeoArea.Length;

    internal override void Write(Span<byte> destination) => WriteAreaHeader(destination, SequenceNumber, Source, Area, "gbc");

    internal static void WriteAreaHeader(Span<byte> destination, ushort sequenceNumber, LongPositionVector source, GeoArea area, string field)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        source.Write(destination[4..], field + ".sourcePositionVector");
        area.Write(destination[(4 + LongPositionVector.Length)..], field + ".area");
    }
}
