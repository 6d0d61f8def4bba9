using System.Buffers.Binary;
using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 HashedId8 ::= OCTET STRING (SIZE(8)) (1609.2-2016 §6.3.29): the low-order eight
/// octets (the last eight) of a hash. Held as a big-endian 64-bit value so it is a cheap cache key.
/// </summary>
public readonly record struct HashedId8(ulong Value)
{
    /// <summary>The HashedId8 of a hash output (its last eight octets).</summary>
    public static HashedId8 FromHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < 8)
        {
            throw new ArgumentException("a hash has at least 8 octets", nameof(hash));
        }

        return new HashedId8(BinaryPrimitives.ReadUInt64BigEndian(hash[^8..]));
    }

    public static HashedId8 FromBytes(ReadOnlySpan<byte> eightOctets)
    {
        if (eightOctets.Length != 8)
        {
            throw new ArgumentException("a HashedId8 is 8 octets", nameof(eightOctets));
        }

        return new HashedId8(BinaryPrimitives.ReadUInt64BigEndian(eightOctets));
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return bytes;
    }

    /// <summary>The HashedId3 of the same hash (its last three octets, 1609.2-2016 §6.3.30).</summary>
    public HashedId3 ToHashedId3() => new((uint)(Value & 0xFFFFFF));

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt64(Value);
    }

    public static HashedId8 Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new HashedId8(reader.ReadUInt64());
    }

    public override string ToString() => Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
