using CsCheck;
using V2x.Btp;
using V2x.Tests.Facilities;

namespace V2x.Tests.Btp;

/// <summary>BTP-B (ETSI EN 302 636-5-1 v2.2.1 §7.3), checked on the BTP-B packets inside the external vectors.</summary>
public class BtpBTests
{
    public static TheoryData<string, string, ushort, int> Captured => new()
    {
        // Vanetza capture: the 45-octet GeoNetworking payload starts at frame octet 74.
        { "Vanetza CAM (riebl/vanetza #115)", ExternalVectors.VanetzaCamFrame.Substring(74 * 2, 45 * 2), BtpPorts.Cam, 41 },

        // instantx: the 80-octet GeoNetworking payload starts at packet octet 56.
        { "instantx DENM (lf-edge/instantx docs/Encoding.md)", ExternalVectors.InstantxGbcPacket.Substring(56 * 2), BtpPorts.Denm, 76 },
    };

    [Theory]
    [MemberData(nameof(Captured))]
    public void Decodes_the_captured_packets(string name, string hex, ushort port, int payloadLength)
    {
        _ = name;
        var packet = BtpBCodec.Decode(Hex.Parse(hex));
        Assert.Equal(new BtpBHeader(port, 0), packet.Header);
        Assert.Equal(payloadLength, packet.Payload.Length);
        Assert.Equal(hex, Hex.Of(BtpBCodec.Encode(packet.Header, packet.Payload.Span)));
    }

    [Fact]
    public void Encodes_port_and_port_info_big_endian()
    {
        Assert.Equal("07d21234ab", Hex.Of(BtpBCodec.Encode(new BtpBHeader(BtpPorts.Denm, 0x1234), [0xAB])));
    }

    [Fact]
    public void Every_header_and_payload_round_trips()
    {
        Gen.Select(Gen.UShort, Gen.UShort, Gen.Byte.Array[0, 1500]).Sample((port, info, payload) =>
        {
            var packet = BtpBCodec.Decode(BtpBCodec.Encode(new BtpBHeader(port, info), payload));
            Assert.Equal(new BtpBHeader(port, info), packet.Header);
            Assert.Equal(payload, packet.Payload.ToArray());
        }, iter: 1000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("07d100")]
    public void Rejects_a_truncated_header(string hex)
    {
        var error = Assert.Throws<DecodeException>(() => BtpBCodec.Decode(Hex.Parse(hex)));
        Assert.Equal("BTP-B", error.FieldPath);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
    }
}
