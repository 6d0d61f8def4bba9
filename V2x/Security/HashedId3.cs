using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 HashedId3 ::= OCTET STRING (SIZE(3)) (1609.2-2016 §6.3.30): the low-order three
/// octets of a hash, held big-endian in the low 24 bits.
/// </summary>
public readonly record struct HashedId3
{
    public HashedId3(uint value)
    {
        if (value > 0xFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a HashedId3 is 24 bits");
        }

        Value = value;
    }

    public uint Value { get; }

    /// <summary>The HashedId3 of a hash output (its last three octets).</summary>
    public static HashedId3 FromHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < 3)
        {
            throw new ArgumentException("a hash has at least 3 octets", nameof(hash));
        }

        return new HashedId3((uint)((hash[^3] << 16) | (hash[^2] << 8) | hash[^1]));
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)(Value >> 16));
        writer.WriteByte((byte)(Value >> 8));
        writer.WriteByte((byte)Value);
    }

    public static HashedId3 Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var b = reader.ReadFixedOctets(3).Span;
        return new HashedId3((uint)((b[0] << 16) | (b[1] << 8) | b[2]));
    }

    public override string ToString() => Value.ToString("x6", System.Globalization.CultureInfo.InvariantCulture);
}
