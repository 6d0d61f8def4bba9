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
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(packet.Extended, nameof(packet));
        var start = BasicHeader.Length + HeadersLength(packet.Extended);
        var octets = new byte[start + packet.Payload.Length];
        WriteBasic(octets, basic, BasicNextHeader.CommonHeader);
        WritePacketHeaders(octets.AsSpan(BasicHeader.Length), packet.Common, packet.Extended, packet.Payload.Length);
        packet.Payload.Span.CopyTo(octets.AsSpan(start));
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
        var headers = HeadersLength(packet.Extended);
        var octets = new byte[headers + packet.Payload.Length];
        WritePacketHeaders(octets, packet.Common, packet.Extended, packet.Payload.Length);
        packet.Payload.Span.CopyTo(octets.AsSpan(headers));
        return octets;
    }

    /// <summary>Common Header + <paramref name="extended"/>: the octets in front of the payload.</summary>
    internal static int HeadersLength(GnExtendedHeader extended) => CommonHeader.Length + extended.Length;

    /// <summary>
    /// Writes the Common Header and the extended header for a payload of <paramref name="payloadLength"/>
    /// octets into the first <see cref="HeadersLength"/> octets of <paramref name="destination"/>.
    /// </summary>
    internal static void WritePacketHeaders(Span<byte> destination, CommonHeader common, GnExtendedHeader extended, int payloadLength)
    {
        if (!Enum.IsDefined(common.NextHeader))
        {
            throw new ArgumentOutOfRangeException(nameof(common), common.NextHeader, "common header NH is 0 to 3");
        }

        if (payloadLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength, "the payload length field has 16 bits");
        }

        if (extended is BeaconHeader && payloadLength != 0)
        {
            throw new ArgumentException("a beacon carries no payload (EN 302 636-4-1 §9.8.6)", nameof(payloadLength));
        }

        // EN 302 636-4-1 v1.4.1 §9.7, Table 9: NH(4) reserved(4) | HT(4) HST(4) | TC | flags | PL(16) | MHL | reserved.
        destination[0] = (byte)((byte)common.NextHeader << 4);
        destination[1] = extended.HeaderTypeOctet;
        destination[2] = common.TrafficClass.ToByte();
        destination[3] = common.Mobile ? (byte)0x80 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)payloadLength);
        destination[6] = common.MaximumHopLimit;
        destination[7] = 0;
        extended.Write(destination.Slice(CommonHeader.Length, extended.Length));
    }

    internal static void WriteBasic(Span<byte> octets, BasicHeader basic, BasicNextHeader nextHeader)
    {
        // EN 302 636-4-1 v1.4.1 §9.6.2, Table 5: version(4) NH(4) | reserved | LT | RHL.
        octets[0] = (byte)((BasicHeader.Version << 4) | (byte)nextHeader);
        octets[1] = 0;
        octets[2] = basic.Lifetime.ToByte();
        octets[3] = basic.RemainingHopLimit;
    }
}
