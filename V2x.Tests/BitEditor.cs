namespace V2x.Tests;

/// <summary>
/// Edits an encoding bit by bit to build failure rows: overwrite a field at a known bit offset,
/// or append bits after the last used bit.
/// </summary>
internal sealed class BitEditor
{
    private readonly List<bool> _bits;

    private BitEditor(IEnumerable<bool> bits)
    {
        _bits = bits.ToList();
    }

    /// <summary>The first <paramref name="usedBits"/> bits of <paramref name="hex"/> (the rest is padding).</summary>
    public static BitEditor FromHex(string hex, int usedBits)
    {
        var bytes = Hex.Parse(hex);
        return new BitEditor(Enumerable.Range(0, usedBits).Select(i => (bytes[i / 8] & (0x80 >> (i % 8))) != 0));
    }

    /// <summary>Overwrites <paramref name="count"/> bits at <paramref name="offset"/> with <paramref name="value"/>, most significant first.</summary>
    public BitEditor Set(int offset, int count, ulong value)
    {
        for (var i = 0; i < count; i++)
        {
            _bits[offset + i] = ((value >> (count - 1 - i)) & 1) != 0;
        }

        return this;
    }

    /// <summary>Appends <paramref name="count"/> bits of <paramref name="value"/>, most significant first.</summary>
    public BitEditor Append(int count, ulong value)
    {
        for (var i = 0; i < count; i++)
        {
            _bits.Add(((value >> (count - 1 - i)) & 1) != 0);
        }

        return this;
    }

    /// <summary>Inserts <paramref name="count"/> bits of <paramref name="value"/> at <paramref name="offset"/>, most significant first.</summary>
    public BitEditor Insert(int offset, int count, ulong value)
    {
        for (var i = 0; i < count; i++)
        {
            _bits.Insert(offset + i, ((value >> (count - 1 - i)) & 1) != 0);
        }

        return this;
    }

    /// <summary>Appends whole octets.</summary>
    public BitEditor AppendOctets(ReadOnlySpan<byte> octets)
    {
        foreach (var octet in octets)
        {
            Append(8, octet);
        }

        return this;
    }

    /// <summary>The number of bits held.</summary>
    public int Count => _bits.Count;

    /// <summary>The bits padded with zeros to whole octets.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[(_bits.Count + 7) / 8];
        for (var i = 0; i < _bits.Count; i++)
        {
            if (_bits[i])
            {
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bytes;
    }
}
