namespace V2x.Oer;

public sealed partial class OerWriter
{
    /// <summary>X.696 §16.2-16.3: the preamble of a SEQUENCE: the extension bit (if the type is
    /// extensible) followed by one presence bit per OPTIONAL/DEFAULT component, zero-padded to whole octets.</summary>
    /// <param name="extensible">Whether the type has an extension marker.</param>
    /// <param name="extensionPresent">The extension bit (only meaningful when extensible).</param>
    /// <param name="presenceBits">Presence bits, most significant first: bit i of the value is component i.</param>
    /// <param name="count">Number of OPTIONAL/DEFAULT components.</param>
    public void WritePreamble(bool extensible, bool extensionPresent, uint presenceBits, int count)
    {
        var total = count + (extensible ? 1 : 0);
        if (total == 0)
        {
            return;
        }

        if (total > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "at most 31 optional components are supported");
        }

        ulong bits = 0;
        if (extensible && extensionPresent)
        {
            bits = 1;
        }

        for (var i = 0; i < count; i++)
        {
            bits = (bits << 1) | ((presenceBits >> (count - 1 - i)) & 1);
        }

        var octets = (total + 7) / 8;
        bits <<= (octets * 8) - total;
        WriteUnsignedBigEndian(bits, Grow(octets));
    }

    /// <summary>X.696 §16.4: the extension-addition presence bitmap, a variable-size bit string with one
    /// bit per extension addition of the type (so a decoder of an older version of the type knows how
    /// many open types follow), unused trailing bits zero.</summary>
    /// <param name="presenceBits">Bit i (0 = first addition) is set when addition i is present.</param>
    /// <param name="additionCount">Number of extension additions the type defines (1..32).</param>
    public void WriteExtensionBitmap(uint presenceBits, int additionCount)
    {
        if (additionCount is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(additionCount));
        }

        if (presenceBits == 0 || (additionCount < 32 && presenceBits >> additionCount != 0))
        {
            throw new ArgumentException("an extension bitmap has at least one present addition, all within the type", nameof(presenceBits));
        }

        var octets = (additionCount + 7) / 8;
        WriteLength(octets + 1);
        WriteByte((byte)((octets * 8) - additionCount));
        var span = Grow(octets);
        span.Clear();
        for (var i = 0; i < additionCount; i++)
        {
            if (((presenceBits >> i) & 1) != 0)
            {
                span[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }
    }

    /// <summary>X.696 §20 / §8.7: a CHOICE tag: class in bits 8-7, number in bits 6-1 or, from 63 up,
    /// in subsequent base-128 octets.</summary>
    public void WriteTag(OerTagClass tagClass, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var classBits = (byte)((int)tagClass << 6);
        if (number < 63)
        {
            WriteByte((byte)(classBits | number));
            return;
        }

        WriteByte((byte)(classBits | 0x3F));
        var groups = 1;
        for (var v = number >> 7; v != 0; v >>= 7)
        {
            groups++;
        }

        for (var g = groups - 1; g >= 0; g--)
        {
            var part = (byte)((number >> (7 * g)) & 0x7F);
            WriteByte(g == 0 ? part : (byte)(part | 0x80));
        }
    }

    /// <summary>Context-specific tag of the automatic-tagging alternative <paramref name="index"/>.</summary>
    public void WriteChoiceIndex(int index) => WriteTag(OerTagClass.Context, index);

    /// <summary>X.696 §14: a fixed-size OCTET STRING: the octets only.</summary>
    public void WriteFixedOctets(ReadOnlySpan<byte> value, int size)
    {
        if (value.Length != size)
        {
            throw new ArgumentException($"expected exactly {size} octets, got {value.Length}", nameof(value));
        }

        WriteRaw(value);
    }

    /// <summary>X.696 §14: a variable-size OCTET STRING: a length determinant and the octets.</summary>
    public void WriteOctetString(ReadOnlySpan<byte> value, int minSize = 0, int maxSize = int.MaxValue)
    {
        if (value.Length < minSize || value.Length > maxSize)
        {
            throw new ArgumentException($"size {value.Length} is outside {minSize}..{maxSize}", nameof(value));
        }

        WriteLength(value.Length);
        WriteRaw(value);
    }

    /// <summary>X.696 §13: a fixed-size BIT STRING of <paramref name="bitCount"/> bits (no length), unused bits zero.</summary>
    public void WriteFixedBitString(ReadOnlySpan<byte> value, int bitCount)
    {
        CheckBitString(value, bitCount);
        WriteRaw(value);
    }

    /// <summary>X.696 §13: a variable-size BIT STRING: length, unused-bit count, octets (unused bits zero).</summary>
    public void WriteBitString(ReadOnlySpan<byte> value, int bitCount)
    {
        var unused = CheckBitString(value, bitCount);
        WriteLength(value.Length + 1);
        WriteByte((byte)unused);
        WriteRaw(value);
    }

    // X.696 §13: a bit string fills whole octets; the unused trailing bits of the last one are zero.
    // Returns the number of unused bits.
    private static int CheckBitString(ReadOnlySpan<byte> value, int bitCount)
    {
        var octets = (bitCount + 7) / 8;
        if (value.Length != octets)
        {
            throw new ArgumentException($"expected {octets} octets for {bitCount} bits", nameof(value));
        }

        var unused = (octets * 8) - bitCount;
        if (unused != 0 && (value[^1] & ((1 << unused) - 1)) != 0)
        {
            throw new ArgumentException("unused trailing bits must be zero", nameof(value));
        }

        return unused;
    }

    /// <summary>X.696 §17: the quantity field of a SEQUENCE OF: one length octet and the minimal unsigned count.</summary>
    public void WriteQuantity(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteSemiConstrainedUnsigned((ulong)count);
    }

    /// <summary>X.696 §8.6 / §24: starts an open type (or any length-prefixed container whose length is
    /// not known up front). Pass the returned mark to <see cref="EndOpenType"/>.</summary>
    public int BeginOpenType() => _length;

    /// <summary>Ends an open type: inserts the canonical length determinant before the content written
    /// since <paramref name="mark"/>.</summary>
    public void EndOpenType(int mark)
    {
        if (mark < 0 || mark > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(mark));
        }

        var contentLength = _length - mark;
        var prefix = contentLength < 0x80 ? 1 : 1 + MinimalUnsignedOctets((ulong)contentLength);
        Grow(prefix);
        var buf = _buffer.AsSpan();
        buf.Slice(mark, contentLength).CopyTo(buf.Slice(mark + prefix));
        if (prefix == 1)
        {
            buf[mark] = (byte)contentLength;
        }
        else
        {
            buf[mark] = (byte)(0x80 | (prefix - 1));
            WriteUnsignedBigEndian((ulong)contentLength, buf.Slice(mark + 1, prefix - 1));
        }
    }

    /// <summary>Writes <paramref name="value"/> as an open type: length determinant then the value's encoding.</summary>
    public void WriteOpenType(ReadOnlySpan<byte> encodedValue)
    {
        WriteLength(encodedValue.Length);
        WriteRaw(encodedValue);
    }
}
