using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// SHB extended header (ETSI EN 302 636-4-1 v1.4.1 §9.8.4, Table 13; HT 5, HST 0): the source
/// position vector and four octets of media-dependent data (DCC information for ITS-G5, ETSI TS 102
/// 636-4-2; zero when unused).
/// </summary>
public sealed record SingleHopBroadcastHeader(LongPositionVector Source, uint MediaDependentData = 0) : GnExtendedHeader
{
    internal override byte HeaderTypeOctet => 0x50;

    internal override int Length => LongPositionVector.Length + 4;

    internal override void Write(Span<byte> destination)
    {
        Source.Write(destination, "shb.sourcePositionVector");
        BinaryPrimitives.WriteUInt32BigEndian(destination[LongPositionVector.Length..], MediaDependentData);
    }
}
