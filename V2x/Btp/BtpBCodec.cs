using System.Buffers.Binary;

namespace V2x.Btp;

/// <summary>Encodes and decodes BTP-B packets (ETSI EN 302 636-5-1 v2.2.1 §7.3: 4-octet header, then the payload).</summary>
public static class BtpBCodec
{
    public const int HeaderLength = 4;

    /// <summary>Header followed by <paramref name="payload"/>.</summary>
    public static byte[] Encode(BtpBHeader header, ReadOnlySpan<byte> payload)
    {
        var octets = new byte[HeaderLength + payload.Length];
        WriteHeader(octets, header);
        payload.CopyTo(octets.AsSpan(HeaderLength));
        return octets;
    }

    /// <summary>Writes the 4-octet header (EN 302 636-5-1 v2.2.1 §7.3) into <paramref name="destination"/>.</summary>
    internal static void WriteHeader(Span<byte> destination, BtpBHeader header)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, header.DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.DestinationPortInfo);
    }

    /// <summary>Splits a BTP-B packet; the payload is a slice of <paramref name="packet"/>.</summary>
    public static BtpBPacket Decode(ReadOnlyMemory<byte> packet)
    {
        var span = packet.Span;
        if (span.Length < HeaderLength)
        {
            throw new DecodeException("BTP-B", span.Length, $"truncated: {span.Length} octets, the header has {HeaderLength}");
        }

        var header = new BtpBHeader(BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..]));
        return new BtpBPacket(header, packet[HeaderLength..]);
    }
}
