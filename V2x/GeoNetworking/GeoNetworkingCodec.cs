using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// Encodes and decodes GeoNetworking packets (ETSI EN 302 636-4-1 v1.4.1 §9): Basic Header, then the
/// Common Header, extended header and payload, or a secured packet carried as opaque octets.
/// </summary>
public static partial class GeoNetworkingCodec
{
    /// <summary>An unsecured packet: Basic Header with NH = common header, then <paramref name="packet"/>.</summary>
    public static byte[] Encode(BasicHeader basic, GnPacket packet)
    {
        var inner = EncodePacket(packet);
        var octets = new byte[BasicHeader.Length + inner.Length];
        WriteBasic(octets, basic, BasicNextHeader.CommonHeader);
        inner.CopyTo(octets, BasicHeader.Length);
        return octets;
    }

    /// <summary>A secured packet: Basic Header with NH = secured packet, then <paramref name="securedPacket"/> (an encoded Ieee1609Dot2Data).</summary>
    public static byte[] EncodeSecured(BasicHeader basic, ReadOnlySpan<byte> securedPacket)
    {
        if (securedPacket.IsEmpty)
        {
            throw new ArgumentException("a secured packet is not empty", nameof(securedPacket));
        }

        var octets = new byte[BasicHeader.Length + securedPacket.Length];
        WriteBasic(octets, basic, BasicNextHeader.SecuredPacket);
        securedPacket.CopyTo(octets.AsSpan(BasicHeader.Length));
        return octets;
    }

    /// <summary>
    /// Common Header, extended header and payload: the unsecured remainder of a packet, or the
    /// payload to put inside a secured packet. The payload length PL is the payload's length.
    /// </summary>
    public static byte[] EncodePacket(GnPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(packet.Extended, nameof(packet));
        var common = packet.Common;
        if (!Enum.IsDefined(common.NextHeader))
        {
            throw new ArgumentOutOfRangeException(nameof(packet), common.NextHeader, "common header NH is 0 to 3");
        }

        if (packet.Payload.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(packet), packet.Payload.Length, "the payload length field has 16 bits");
        }

        if (packet.Extended is BeaconHeader && !packet.Payload.IsEmpty)
        {
            throw new ArgumentException("a beacon carries no payload (EN 302 636-4-1 §9.8.6)", nameof(packet));
        }

        var extendedLength = packet.Extended.Length;
        var octets = new byte[CommonHeader.Length + extendedLength + packet.Payload.Length];

        // EN 302 636-4-1 v1.4.1 §9.7, Table 9: NH(4) reserved(4) | HT(4) HST(4) | TC | flags | PL(16) | MHL | reserved.
        octets[0] = (byte)((byte)common.NextHeader << 4);
        octets[1] = packet.Extended.HeaderTypeOctet;
        octets[2] = common.TrafficClass.ToByte();
        octets[3] = common.Mobile ? (byte)0x80 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(octets.AsSpan(4), (ushort)packet.Payload.Length);
        octets[6] = common.MaximumHopLimit;
        octets[7] = 0;
        packet.Extended.Write(octets.AsSpan(CommonHeader.Length, extendedLength));
        packet.Payload.Span.CopyTo(octets.AsSpan(CommonHeader.Length + extendedLength));
        return octets;
    }

    private static void WriteBasic(Span<byte> octets, BasicHeader basic, BasicNextHeader nextHeader)
    {
        // EN 302 636-4-1 v1.4.1 §9.6.2, Table 5: version(4) NH(4) | reserved | LT | RHL.
        octets[0] = (byte)((BasicHeader.Version << 4) | (byte)nextHeader);
        octets[1] = 0;
        octets[2] = basic.Lifetime.ToByte();
        octets[3] = basic.RemainingHopLimit;
    }
}
