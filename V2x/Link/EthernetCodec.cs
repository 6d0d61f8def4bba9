using System.Buffers.Binary;

namespace V2x.Link;

/// <summary>Encodes and decodes <see cref="EthernetFrame"/>s (IEEE 802.3 §3.2.3-3.2.6; no FCS, no padding added).</summary>
public static class EthernetCodec
{
    /// <summary>Destination (6) + source (6) + EtherType (2).</summary>
    public const int HeaderLength = 14;

    /// <summary>The frame's octets.</summary>
    public static byte[] Encode(EthernetFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.EtherType < EtherTypes.MinimumType)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame.EtherType, "an Ethernet II type is 0x0600 or above (below is an IEEE 802.3 length)");
        }

        var octets = new byte[HeaderLength + frame.Payload.Length];
        WriteHeader(octets, frame.Destination, frame.Source, frame.EtherType);
        frame.Payload.Span.CopyTo(octets.AsSpan(HeaderLength));
        return octets;
    }

    /// <summary>Writes the 14-octet header (IEEE 802.3 §3.2.3-3.2.6) into <paramref name="destination"/>.</summary>
    internal static void WriteHeader(Span<byte> destination, MacAddress destinationAddress, MacAddress source, ushort etherType)
    {
        destinationAddress.WriteTo(destination);
        source.WriteTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], etherType);
    }

    /// <summary>A broadcast GeoNetworking frame (destination ff:ff:ff:ff:ff:ff, EtherType 0x8947).</summary>
    public static byte[] EncodeGeoNetworkingBroadcast(MacAddress source, ReadOnlySpan<byte> geoNetworkingPacket) =>
        Encode(new EthernetFrame(MacAddress.Broadcast, source, EtherTypes.GeoNetworking, geoNetworkingPacket.ToArray()));

    /// <summary>
    /// Splits a frame; the payload is a slice of <paramref name="frame"/>. A frame shorter than the
    /// header, or whose Length/Type field is an IEEE 802.3 length, throws <see cref="DecodeException"/>.
    /// </summary>
    public static EthernetFrame Decode(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < HeaderLength)
        {
            throw new DecodeException("Ethernet", span.Length, $"truncated: {span.Length} octets, the header has {HeaderLength}");
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(span[12..]);
        if (etherType < EtherTypes.MinimumType)
        {
            throw new DecodeException("Ethernet.etherType", 12, $"0x{etherType:x4} is an IEEE 802.3 length, not an Ethernet II type");
        }

        return new EthernetFrame(MacAddress.Read(span), MacAddress.Read(span[6..]), etherType, frame[HeaderLength..]);
    }
}
