using CsCheck;
using V2x.GeoNetworking;
using V2x.Link;

namespace V2x.Tests.GeoNetworking;

/// <summary>Property-based round trips of GeoNetworking packets over every supported header type and field range.</summary>
public class GeoNetworkingRoundTripTests
{
    private static readonly Gen<LongPositionVector> Position = Gen.Select(
        Gen.Bool, Gen.Int[0, 31], Gen.ULong[0, 0xFFFF_FFFF_FFFFUL], Gen.UInt,
        Gen.Int[-LongPositionVector.MaxLatitude, LongPositionVector.MaxLatitude],
        Gen.Int[-LongPositionVector.MaxLongitude, LongPositionVector.MaxLongitude],
        Gen.Bool, Gen.Short[LongPositionVector.MinSpeed, LongPositionVector.MaxSpeed], Gen.UShort[0, LongPositionVector.MaxHeading],
        (m, st, mid, tst, lat, lon, pai, speed, heading) => new LongPositionVector(
            new GnAddress(m, (GnStationType)st, new MacAddress(mid)), new GnTimestamp(tst), lat, lon, pai, speed, heading));

    private static readonly Gen<GeoArea> Area = Gen.Select(
        Gen.Enum<GeoAreaShape>(), Gen.Int[-LongPositionVector.MaxLatitude, LongPositionVector.MaxLatitude],
        Gen.Int[-LongPositionVector.MaxLongitude, LongPositionVector.MaxLongitude], Gen.UShort, Gen.UShort, Gen.UShort[0, 360],
        (shape, lat, lon, a, b, angle) => shape == GeoAreaShape.Circle ? GeoArea.Circle(lat, lon, a) : new GeoArea(shape, lat, lon, a, b, angle));

    private static readonly Gen<GnExtendedHeader> Extended = Gen.OneOf<GnExtendedHeader>(
        Position.Select(p => (GnExtendedHeader)new BeaconHeader(p)),
        Gen.Select(Position, Gen.UInt, (p, m) => (GnExtendedHeader)new SingleHopBroadcastHeader(p, m)),
        Gen.Select(Gen.UShort, Position, (s, p) => (GnExtendedHeader)new TopologicallyScopedBroadcastHeader(s, p)),
        Gen.Select(Gen.UShort, Position, Area, (s, p, a) => (GnExtendedHeader)new GeoBroadcastHeader(s, p, a)),
        Gen.Select(Gen.UShort, Position, Area, (s, p, a) => (GnExtendedHeader)new GeoAnycastHeader(s, p, a)));

    private static readonly Gen<(BasicHeader Basic, GnPacket Packet)> Packets = Gen.Select(
        Gen.Byte[0, 63], Gen.Enum<LifetimeBase>(), Gen.Byte, Gen.Enum<CommonNextHeader>(),
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Byte[0, 63], (s, o, i) => new TrafficClass(s, o, i)), Gen.Bool, Gen.Byte, Extended, Gen.Byte.Array[0, 300],
        (multiplier, timeBase, rhl, nh, tc, mobile, mhl, extended, payload) => (
            new BasicHeader(new Lifetime(multiplier, timeBase), rhl),
            new GnPacket(new CommonHeader(nh, tc, mobile, mhl), extended, extended is BeaconHeader ? Array.Empty<byte>() : payload)));

    [Fact]
    public void Unsecured_packets_round_trip()
    {
        Packets.Sample(p =>
        {
            var octets = GeoNetworkingCodec.Encode(p.Basic, p.Packet);
            var pdu = GeoNetworkingCodec.Decode(octets);
            Assert.False(pdu.IsSecured);
            Assert.Equal(p.Basic, pdu.Basic);
            Assert.Equal(p.Packet.Common, pdu.Packet!.Common);
            Assert.Equal(p.Packet.Extended, pdu.Packet.Extended);
            Assert.Equal(p.Packet.Payload.ToArray(), pdu.Packet.Payload.ToArray());
            Assert.Equal(octets, GeoNetworkingCodec.Encode(pdu.Basic, pdu.Packet));
        }, iter: 3000);
    }

    [Fact]
    public void Secured_packets_carry_their_octets_unchanged()
    {
        Gen.Select(Packets, Gen.Byte.Array[1, 200]).Sample((p, secured) =>
        {
            var octets = GeoNetworkingCodec.EncodeSecured(p.Basic, secured);
            var pdu = GeoNetworkingCodec.Decode(octets);
            Assert.True(pdu.IsSecured);
            Assert.Null(pdu.Packet);
            Assert.Equal(p.Basic, pdu.Basic);
            Assert.Equal(secured, pdu.SecuredPacket.ToArray());

            // The inner part travels inside the secured packet and decodes on its own.
            var inner = GeoNetworkingCodec.EncodePacket(p.Packet);
            Assert.Equal(p.Packet.Extended, GeoNetworkingCodec.DecodePacket(inner).Extended);
        }, iter: 1000);
    }
}
