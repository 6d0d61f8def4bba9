using V2x.GeoNetworking;
using V2x.Link;

namespace V2x.Tests.GeoNetworking;

/// <summary>
/// Malformed GeoNetworking packets: each row edits one field of a valid SHB or GBC packet and must
/// end in one <see cref="DecodeException"/> naming the field and its byte offset.
/// </summary>
public class GeoNetworkingFailureTests
{
    private static readonly LongPositionVector Source = new(
        new GnAddress(false, GnStationType.PassengerCar, MacAddress.Parse("02:00:5e:10:00:01")),
        new GnTimestamp(123456789), 487668616, 114320679, true, 1389, 900);

    // SHB: BH 0-3, CH 4-11 (NH 4, HT 5, TC 6, flags 7, PL 8-9, MHL 10, reserved 11), position vector
    // 12-35 (address 12-19, TST 20-23, latitude 24-27, longitude 28-31, PAI+speed 32-33, heading 34-35),
    // media-dependent 36-39, payload 40-42.
    private static byte[] Shb() => GeoNetworkingCodec.Encode(
        new BasicHeader(Lifetime.Default, 1),
        new GnPacket(new CommonHeader(CommonNextHeader.BtpB, new TrafficClass(false, false, 2), true, 1), new SingleHopBroadcastHeader(Source), new byte[] { 1, 2, 3 }));

    // GBC: BH 0-3, CH 4-11, SN 12-13, reserved 14-15, position vector 16-39, area latitude 40-43,
    // longitude 44-47, distance a 48-49, b 50-51, angle 52-53, reserved 54-55, payload 56-57.
    private static byte[] Gbc(GeoArea area) => GeoNetworkingCodec.Encode(
        new BasicHeader(Lifetime.Default, 10),
        new GnPacket(new CommonHeader(CommonNextHeader.BtpB, new TrafficClass(false, false, 0), true, 10), new GeoBroadcastHeader(7, Source, area), new byte[] { 1, 2 }));

    private static byte[] Edit(byte[] octets, int offset, params byte[] values)
    {
        values.CopyTo(octets, offset);
        return octets;
    }

    public static TheoryData<string, byte[], string, long> Rows => new()
    {
        { "version 0 (EN 302 636-4-1 v1.2.1)", Edit(Shb(), 0, 0x01), "GeoNetworking.basicHeader.version", 0 },
        { "version 2", Edit(Shb(), 0, 0x21), "GeoNetworking.basicHeader.version", 0 },
        { "basic next header Any", Edit(Shb(), 0, 0x10), "GeoNetworking.basicHeader.nextHeader", 0 },
        { "basic next header 3", Edit(Shb(), 0, 0x13), "GeoNetworking.basicHeader.nextHeader", 0 },
        { "basic reserved octet", Edit(Shb(), 1, 0x01), "GeoNetworking.basicHeader.reserved", 1 },
        { "truncated basic header", Shb()[..3], "GeoNetworking.basicHeader.remainingHopLimit", 3 },
        { "secured packet missing", Hex.Parse("12001a01"), "GeoNetworking.securedPacket", 4 },
        { "common next header 4", Edit(Shb(), 4, 0x40), "GeoNetworking.commonHeader.nextHeader", 4 },
        { "common reserved nibble", Edit(Shb(), 4, 0x21), "GeoNetworking.commonHeader.reserved", 4 },
        { "flags reserved bits", Edit(Shb(), 7, 0x81), "GeoNetworking.commonHeader.flags", 7 },
        { "common reserved octet", Edit(Shb(), 11, 0x01), "GeoNetworking.commonHeader.reserved", 11 },
        { "header type GUC (not supported)", Edit(Shb(), 5, 0x20), "GeoNetworking.commonHeader.headerType", 5 },
        { "header type LS request (not supported)", Edit(Shb(), 5, 0x60), "GeoNetworking.commonHeader.headerType", 5 },
        { "payload length one short", Edit(Shb(), 8, 0x00, 0x02), "GeoNetworking.commonHeader.payloadLength", 8 },
        { "payload length one long", Edit(Shb(), 8, 0x00, 0x04), "GeoNetworking.commonHeader.payloadLength", 8 },
        { "truncated position vector", Shb()[..30], "GeoNetworking.shb.sourcePositionVector.longitude", 28 },
        { "GN_ADDR reserved bits", Edit(Shb(), 13, 0x01), "GeoNetworking.shb.sourcePositionVector.address.reserved", 12 },
        { "source latitude beyond 90°", Edit(Shb(), 24, 0x35, 0xa4, 0xe9, 0x01), "GeoNetworking.shb.sourcePositionVector.latitude", 24 },
        { "source longitude beyond 180°", Edit(Shb(), 28, 0x80, 0x00, 0x00, 0x00), "GeoNetworking.shb.sourcePositionVector.longitude", 28 },
        { "heading 3600", Edit(Shb(), 34, 0x0e, 0x10), "GeoNetworking.shb.sourcePositionVector.heading", 34 },
        { "GBC reserved after the sequence number", Edit(Gbc(GeoArea.Circle(487668616, 114320679, 500)), 14, 0x00, 0x01), "GeoNetworking.gbc.reserved", 14 },
        { "circle with distance b", Edit(Gbc(GeoArea.Circle(487668616, 114320679, 500)), 50, 0x00, 0x01), "GeoNetworking.gbc.area.distanceB", 50 },
        { "circle with an angle", Edit(Gbc(GeoArea.Circle(487668616, 114320679, 500)), 52, 0x00, 0x2d), "GeoNetworking.gbc.area.angle", 52 },
        { "rectangle angle 361", Edit(Gbc(new GeoArea(GeoAreaShape.Rectangle, 0, 0, 100, 50, 10)), 52, 0x01, 0x69), "GeoNetworking.gbc.area.angle", 52 },
        { "area reserved field", Edit(Gbc(GeoArea.Circle(487668616, 114320679, 500)), 54, 0x80, 0x00), "GeoNetworking.gbc.area.reserved", 54 },
        { "GBC sub-type 3", Edit(Gbc(GeoArea.Circle(487668616, 114320679, 500)), 5, 0x43), "GeoNetworking.commonHeader.headerType", 5 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Rejects_with_one_typed_error(string name, byte[] packet, string fieldPath, long byteOffset)
    {
        _ = name;
        var error = Assert.Throws<DecodeException>(() => GeoNetworkingCodec.Decode(packet));
        Assert.Equal(fieldPath, error.FieldPath);
        Assert.Equal(byteOffset, error.ByteOffset);
    }

    [Fact]
    public void The_unedited_packets_decode()
    {
        Assert.IsType<SingleHopBroadcastHeader>(GeoNetworkingCodec.Decode(Shb()).Packet!.Extended);
        Assert.IsType<GeoBroadcastHeader>(GeoNetworkingCodec.Decode(Gbc(GeoArea.Circle(487668616, 114320679, 500))).Packet!.Extended);
    }

    public static TheoryData<string, Func<byte[]>> EncoderMistakes => new()
    {
        { "latitude beyond 90°", () => EncodeShb(Source with { LatitudeTenthMicrodegrees = 900000001 }) },
        { "speed beyond 15 bits", () => EncodeShb(Source with { SpeedCentimetresPerSecond = 16384 }) },
        { "heading 3600", () => EncodeShb(Source with { HeadingDeciDegrees = 3600 }) },
        { "ITS-S type beyond 5 bits", () => EncodeShb(Source with { Address = Source.Address with { StationType = (GnStationType)32 } }) },
        { "circle with distance b", () => Gbc(new GeoArea(GeoAreaShape.Circle, 0, 0, 10, 1, 0)) },
        { "angle 361", () => Gbc(new GeoArea(GeoAreaShape.Ellipse, 0, 0, 10, 5, 361)) },
        { "beacon with payload", () => GeoNetworkingCodec.EncodePacket(new GnPacket(default, new BeaconHeader(Source), new byte[1])) },
        { "empty secured packet", () => GeoNetworkingCodec.EncodeSecured(new BasicHeader(Lifetime.Default, 1), []) },
        { "traffic class ID 64", () => [new TrafficClass(false, false, 64).ToByte()] },
    };

    [Theory]
    [MemberData(nameof(EncoderMistakes))]
    public void Encoder_rejects_a_caller_mistake(string name, Func<byte[]> encode)
    {
        _ = name;
        Assert.ThrowsAny<ArgumentException>(encode);
    }

    private static byte[] EncodeShb(LongPositionVector source) => GeoNetworkingCodec.EncodePacket(
        new GnPacket(new CommonHeader(CommonNextHeader.BtpB, default, true, 1), new SingleHopBroadcastHeader(source), new byte[1]));
}
