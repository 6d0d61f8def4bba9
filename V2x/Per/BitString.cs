namespace V2x.Per;

/// <summary>
/// An immutable ASN.1 BIT STRING value of any length: bit 0 is the first (leading) bit, stored as
/// the most significant bit of the first octet. Compared by value.
/// </summary>
public sealed class BitString : IEquatable<BitString>
{
    private readonly byte[] _octets;

    /// <summary>Takes the first <paramref name="length"/> bits of <paramref name="octets"/>.</summary>
    public BitString(ReadOnlySpan<byte> octets, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (octets.Length * 8L < length)
        {
            throw new ArgumentException($"{octets.Length} octets hold fewer than {length} bits", nameof(octets));
        }

        _octets = octets[..((length + 7) / 8)].ToArray();
        if ((length & 7) != 0)
        {
            _octets[^1] &= (byte)(0xFF << (8 - (length & 7)));
        }

        Length = length;
    }

    /// <summary>Number of bits.</summary>
    public int Length { get; }

    /// <summary>Bit <paramref name="index"/>, counting from the leading bit 0.</summary>
    public bool this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
            return (_octets[index >> 3] & (0x80 >> (index & 7))) != 0;
        }
    }

    /// <summary>Builds a bit string from individual bits, bit 0 first.</summary>
    public static BitString FromBits(params bool[] bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        var octets = new byte[(bits.Length + 7) / 8];
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                octets[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }

        return new BitString(octets, bits.Length);
    }

    /// <summary>The bits packed into octets, leading bit first, unused trailing bits zero.</summary>
    public byte[] ToArray() => (byte[])_octets.Clone();

    public bool Equals(BitString? other) =>
        other is not null && Length == other.Length && _octets.AsSpan().SequenceEqual(other._octets);

    public override bool Equals(object? obj) => Equals(obj as BitString);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Length);
        hash.AddBytes(_octets);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = this[i] ? '1' : '0';
        }

        return "'" + new string(chars) + "'B";
    }

    public static bool operator ==(BitString? left, BitString? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(BitString? left, BitString? right) => !(left == right);
}
