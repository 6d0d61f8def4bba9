using CsCheck;
using V2x.Link;
using V2x.Tests.Facilities;

namespace V2x.Tests.Link;

/// <summary>Ethernet II framing (IEEE 802.3 §3.2), checked on the Vanetza capture (riebl/vanetza issue #115).</summary>
public class EthernetTests
{
    [Fact]
    public void Decodes_the_captured_frame()
    {
        var frame = EthernetCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCamFrame));
        Assert.Equal(MacAddress.Broadcast, frame.Destination);
        Assert.Equal(new MacAddress(0), frame.Source);
        Assert.Equal(EtherTypes.GeoNetworking, frame.EtherType);
        Assert.Equal(187 - 14, frame.Payload.Length);
        Assert.Equal(ExternalVectors.VanetzaCamFrame, Hex.Of(EthernetCodec.Encode(frame)));
    }

    [Fact]
    public void Encodes_a_geonetworking_broadcast()
    {
        var octets = EthernetCodec.EncodeGeoNetworkingBroadcast(MacAddress.Parse("02:00:5e:10:00:01"), Hex.Parse("1122"));
        Assert.Equal("ffffffffffff02005e100001" + "8947" + "1122", Hex.Of(octets));
    }

    [Fact]
    public void Every_frame_round_trips()
    {
        var mac = Gen.ULong[0, 0xFFFF_FFFF_FFFFUL].Select(v => new MacAddress(v));
        Gen.Select(mac, mac, Gen.UShort[EtherTypes.MinimumType, ushort.MaxValue], Gen.Byte.Array[0, 1500]).Sample((destination, source, type, payload) =>
        {
            var frame = EthernetCodec.Decode(EthernetCodec.Encode(new EthernetFrame(destination, source, type, payload)));
            Assert.Equal((destination, source, type), (frame.Destination, frame.Source, frame.EtherType));
            Assert.Equal(payload, frame.Payload.ToArray());
            Assert.Equal(destination, MacAddress.Parse(destination.ToString()));
        }, iter: 1000);
    }

    public static TheoryData<string, string, string, long> Rejected => new()
    {
        { "empty", "", "Ethernet", 0 },
        { "13 octets", "ffffffffffff000000000000 89", "Ethernet", 13 },
        { "IEEE 802.3 length 1500 in the type field", "ffffffffffff000000000000 05dc 00", "Ethernet.etherType", 12 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_malformed_frames(string name, string hex, string fieldPath, long offset)
    {
        _ = name;
        var error = Assert.Throws<DecodeException>(() => EthernetCodec.Decode(Hex.Parse(hex)));
        Assert.Equal(fieldPath, error.FieldPath);
        Assert.Equal(offset, error.ByteOffset);
    }

    [Fact]
    public void Mac_addresses_parse_and_print()
    {
        var address = MacAddress.Parse("02-00-5E-10-00-01");
        Assert.Equal(0x02005E100001UL, address.Value);
        Assert.Equal("02:00:5e:10:00:01", address.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MacAddress(1UL << 48));
        Assert.Throws<FormatException>(() => MacAddress.Parse("02:00:5e"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EthernetCodec.Encode(new EthernetFrame(address, address, 0x05dc, Array.Empty<byte>())));
    }
}
