using V2x.GeoNetworking;
using V2x.Link;
using V2x.Tests.Facilities;

namespace V2x.Tests.GeoNetworking;

/// <summary>
/// GeoNetworking (ETSI EN 302 636-4-1 v1.4.1) known answers from outside the project. Expected
/// values are Wireshark 4.0.17's reading of the same octets.
/// </summary>
public class GeoNetworkingVectorTests
{
    private static readonly byte[] VanetzaFrame = Hex.Parse(ExternalVectors.VanetzaCamFrame);

    [Fact]
    public void Decodes_the_captured_secured_basic_header()
    {
        // Vanetza capture (riebl/vanetza #115): 12 00 1a 01 = version 1, NH secured packet, LT 6 x 10 s, RHL 1.
        var pdu = GeoNetworkingCodec.Decode(VanetzaFrame.AsMemory(14));
        Assert.True(pdu.IsSecured);
        Assert.Equal(new BasicHeader(new Lifetime(6, LifetimeBase.TenSeconds), 1), pdu.Basic);
        Assert.Equal(TimeSpan.FromSeconds(60), pdu.Basic.Lifetime.Duration);
        Assert.Equal(187 - 18, pdu.SecuredPacket.Length);
        Assert.Equal(VanetzaFrame[14..], GeoNetworkingCodec.EncodeSecured(pdu.Basic, pdu.SecuredPacket.Span));
    }

    [Fact]
    public void Decodes_the_captured_single_hop_broadcast()
    {
        // The common + extended header + BTP + CAM carried in the capture's secured payload (frame octets 38 to 118).
        var inner = VanetzaFrame.AsMemory(38, 81);
        var packet = GeoNetworkingCodec.DecodePacket(inner);
        Assert.Equal(new CommonHeader(CommonNextHeader.BtpB, new TrafficClass(false, false, 0), true, 1), packet.Common);
        var shb = Assert.IsType<SingleHopBroadcastHeader>(packet.Extended);
        Assert.Equal(
            new LongPositionVector(new GnAddress(true, GnStationType.Unknown, new MacAddress(0)), new GnTimestamp(1195063035), 487668616, 114320679, true, 0, 0),
            shb.Source);
        Assert.Equal(0u, shb.MediaDependentData);
        Assert.Equal(45, packet.Payload.Length);
        Assert.Equal(inner.ToArray(), GeoNetworkingCodec.EncodePacket(packet));
    }

    [Fact]
    public void Rejects_the_instantx_geo_broadcast_whose_area_lost_its_sign_bits()
    {
        // lf-edge/instantx docs/Encoding.md: the area centre is 0x7974b8e6 (2037692646), beyond ±90°;
        // Wireshark marks it "Latitude out of range" as well.
        var error = Assert.Throws<DecodeException>(() => GeoNetworkingCodec.Decode(Hex.Parse(ExternalVectors.InstantxGbcPacket)));
        Assert.Equal("GeoNetworking.gbc.area.latitude", error.FieldPath);
        Assert.Equal(40, error.ByteOffset);
    }

    [Fact]
    public void Decodes_the_instantx_geo_broadcast_with_its_area_sign_bits_restored()
    {
        // The same packet with octets 40 and 44 set back to 0xf9 (the sign bit the source position carries).
        var octets = Hex.Parse(ExternalVectors.InstantxGbcPacket);
        octets[40] = 0xf9;
        octets[44] = 0xf9;
        var pdu = GeoNetworkingCodec.Decode(octets);
        Assert.False(pdu.IsSecured);
        Assert.Equal(new BasicHeader(new Lifetime(19, LifetimeBase.FiftyMilliseconds), 1), pdu.Basic);
        var packet = pdu.Packet!;
        Assert.Equal(new CommonHeader(CommonNextHeader.BtpB, new TrafficClass(false, false, 0), true, 1), packet.Common);
        var gbc = Assert.IsType<GeoBroadcastHeader>(packet.Extended);
        Assert.Equal(987, gbc.SequenceNumber);
        Assert.Equal(
            new LongPositionVector(new GnAddress(true, GnStationType.PassengerCar, new MacAddress(0)), new GnTimestamp(2914964487), -109791002, -112004003, false, 13, 14),
            gbc.Source);
        Assert.Equal(GeoArea.Circle(-109791002, -112004003, 10), gbc.Area);
        Assert.Equal(80, packet.Payload.Length);
        Assert.Equal(octets, GeoNetworkingCodec.Encode(pdu.Basic, packet));
    }

    public static TheoryData<string, TimeSpan, byte> Lifetimes => new()
    {
        { "60 s = 60 x 1 s", TimeSpan.FromSeconds(60), 0xF1 },
        { "50 ms", TimeSpan.FromMilliseconds(50), 0x04 },
        { "950 ms = 19 x 50 ms (instantx)", TimeSpan.FromMilliseconds(950), 0x4C },
        { "3.15 s = 63 x 50 ms", TimeSpan.FromMilliseconds(3150), 0xFC },
        { "5 s = 5 x 1 s", TimeSpan.FromSeconds(5), 0x15 },
        { "100 s = 10 x 10 s", TimeSpan.FromSeconds(100), 0x2A },
        { "6300 s = 63 x 100 s", TimeSpan.FromSeconds(6300), 0xFF },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public void Encodes_lifetimes_with_the_finest_base(string name, TimeSpan duration, byte octet)
    {
        _ = name;
        var lifetime = Lifetime.FromDuration(duration);
        Assert.Equal(octet, lifetime.ToByte());
        Assert.Equal(duration, Lifetime.FromByte(octet).Duration);
    }

    [Fact]
    public void The_default_lifetime_is_60_s_as_6_x_10_s()
    {
        Assert.Equal(0x1A, Lifetime.Default.ToByte());
        Assert.Equal(TimeSpan.FromSeconds(60), Lifetime.Default.Duration);
    }

    [Theory]
    [InlineData(3200)]
    [InlineData(6400000)]
    [InlineData(75)]
    public void Rejects_lifetimes_no_base_holds(int milliseconds)
    {
        Assert.Throws<ArgumentException>(() => Lifetime.FromDuration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Timestamps_are_tai_milliseconds_since_2004_modulo_2_pow_32()
    {
        // 2020-11-30T12:00:00.123Z = 533822400123 ms UTC after 2004-01-01; +5 leap seconds (2005-2016)
        // = 533822405123 TAI ms; mod 2^32 = 1246460419 (computed with Python).
        var utc = new DateTimeOffset(2020, 11, 30, 12, 0, 0, 123, TimeSpan.Zero);
        Assert.Equal(1246460419u, GnTimestamp.FromUtc(utc).Milliseconds);
        Assert.Equal(1246460419u, GnTimestamp.FromTime64(V2x.Time.Time64.FromUtc(utc)).Milliseconds);
        Assert.Equal(1246460419u, GnTimestamp.FromTaiMilliseconds(533822405123).Milliseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => GnTimestamp.FromTaiMilliseconds(-1));
    }
}
