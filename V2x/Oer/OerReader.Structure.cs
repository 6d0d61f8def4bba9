using System.Text;

namespace V2x.Oer;

public sealed partial class OerReader
{
    /// <summary>Largest SEQUENCE OF count accepted (bounds work per input).</summary>
    public const int MaxQuantity = 65_535;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>X.696 §16.2-16.3: reads a SEQUENCE preamble. Returns the presence bits of the
    /// <paramref name="count"/> OPTIONAL/DEFAULT components (bit count-1-i is component i, so the
    /// first component is the most significant bit); the padding bits must be zero.</summary>
    public uint ReadPreamble(bool extensible, int count, out bool extensionPresent)
    {
        extensionPresent = false;
        var total = count + (extensible ? 1 : 0);
        if (total == 0)
        {
            return 0;
        }

        var start = _position;
        var octets = (total + 7) / 8;
        ulong bits = 0;
        for (var i = 0; i < octets; i++)
        {
            bits = (bits << 8) | ReadByte();
        }

        var padding = (octets * 8) - total;
        if ((bits & ((1UL << padding) - 1)) != 0)
        {
            throw FailAt(start, "preamble padding bits are not zero");
        }

        bits >>= padding;
        if (extensible)
        {
            extensionPresent = ((bits >> count) & 1) != 0;
        }

        return (uint)(bits & ((1UL << count) - 1));
    }

    /// <summary>Whether component <paramref name="index"/> (0-based) of <paramref name="count"/> is present.</summary>
    public static bool IsPresent(uint presenceBits, int count, int index) => ((presenceBits >> (count - 1 - index)) & 1) != 0;

    /// <summary>X.696 §16.4: reads the extension-addition presence bitmap: at least one bit, unused
    /// bits zero, and at least one addition present (the extension bit is set only then, §16.2). Its
    /// length is the number of additions in the sender's version of the type, which may be more or
    /// fewer than the receiver knows, so trailing zero bits are legitimate.</summary>
    public OerExtensionBitmap ReadExtensionBitmap()
    {
        var start = _position;
        var length = ReadLength();
        if (length < 2)
        {
            throw FailAt(start, "extension bitmap without any bit");
        }

        var unused = ReadByte();
        if (unused > 7)
        {
            throw FailAt(start, $"extension bitmap with {unused} unused bits");
        }

        var bits = ReadBytes(length - 1);
        var span = bits.Span;
        if ((span[^1] & ((1 << unused) - 1)) != 0)
        {
            throw FailAt(start, "extension bitmap unused bits are not zero");
        }

        if (!span.ContainsAnyExcept((byte)0))
        {
            throw FailAt(start, "extension bit set but no extension addition present");
        }

        return new OerExtensionBitmap(bits, ((length - 1) * 8) - unused);
    }

    /// <summary>X.696 §8.7 / §20: reads a tag. Numbers below 63 must use the one-octet form; the long
    /// form must be minimal.</summary>
    public (OerTagClass TagClass, int Number) ReadTag()
    {
        var start = _position;
        var first = ReadByte();
        var tagClass = (OerTagClass)(first >> 6);
        var number = first & 0x3F;
        if (number < 63)
        {
            return (tagClass, number);
        }

        number = 0;
        for (var i = 0; ; i++)
        {
            if (i >= 3)
            {
                throw FailAt(start, "tag number too large");
            }

            var b = ReadByte();
            if (i == 0 && b == 0x80)
            {
                throw FailAt(start, "non-canonical tag: leading zero group");
            }

            number = (number << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (number < 63)
        {
            throw FailAt(start, "non-canonical tag: long form for a number below 63");
        }

        return (tagClass, number);
    }

    /// <summary>Reads the tag of an automatically tagged CHOICE with <paramref name="rootCount"/> root
    /// alternatives and <paramref name="extensionCount"/> known extension alternatives. Returns the
    /// alternative index; <paramref name="isExtension"/> says its value is wrapped in an open type.</summary>
    public int ReadChoiceIndex(int rootCount, int extensionCount, out bool isExtension)
    {
        var start = _position;
        var (tagClass, number) = ReadTag();
        if (tagClass != OerTagClass.Context)
        {
            throw FailAt(start, $"choice tag of class {tagClass}, expected context-specific");
        }

        if (number >= rootCount + extensionCount)
        {
            throw FailAt(start, $"unknown choice alternative [{number}]");
        }

        isExtension = number >= rootCount;
        return number;
    }

    /// <summary>X.696 §24: opens an open type: reads its length and limits reading to its content.
    /// Returns a token for <see cref="EndOpenType"/>.</summary>
    public int BeginOpenType()
    {
        var length = ReadLength();
        var saved = _end;
        _end = _position + length;
        return saved;
    }

    /// <summary>Closes an open type: its content must have been consumed exactly.</summary>
    public void EndOpenType(int token)
    {
        ExpectEnd();
        _end = token;
    }

    /// <summary>Reads an open type without decoding it (an unknown extension a receiver skips).</summary>
    public ReadOnlyMemory<byte> ReadOpenTypeBytes() => ReadBytes(ReadLength());

    /// <summary>X.696 §14: fixed-size OCTET STRING.</summary>
    public ReadOnlyMemory<byte> ReadFixedOctets(int size) => ReadBytes(size);

    /// <summary>X.696 §14: variable-size OCTET STRING within <paramref name="minSize"/>..<paramref name="maxSize"/>.</summary>
    public ReadOnlyMemory<byte> ReadOctetString(int minSize = 0, int maxSize = int.MaxValue)
    {
        var start = _position;
        var length = ReadLength();
        if (length < minSize || length > maxSize)
        {
            throw FailAt(start, $"size {length} is outside {minSize}..{maxSize}");
        }

        return ReadBytes(length);
    }

    /// <summary>X.696 §13: fixed-size BIT STRING (no length); unused trailing bits must be zero.</summary>
    public ReadOnlyMemory<byte> ReadFixedBitString(int bitCount)
    {
        var start = _position;
        var octets = (bitCount + 7) / 8;
        var bytes = ReadBytes(octets);
        var unused = (octets * 8) - bitCount;
        if (unused != 0 && (bytes.Span[^1] & ((1 << unused) - 1)) != 0)
        {
            throw FailAt(start, "bit string unused bits are not zero");
        }

        return bytes;
    }

    /// <summary>X.696 §13: variable-size BIT STRING: returns the octets and the number of bits.</summary>
    public ReadOnlyMemory<byte> ReadBitString(int minBits, int maxBits, out int bitCount)
    {
        var start = _position;
        var length = ReadLength();
        if (length < 1)
        {
            throw FailAt(start, "bit string without its unused-bits octet");
        }

        var unused = ReadByte();
        if (unused > 7 || (length == 1 && unused != 0))
        {
            throw FailAt(start, $"bit string with {unused} unused bits");
        }

        var bytes = ReadBytes(length - 1);
        if (unused != 0 && (bytes.Span[^1] & ((1 << unused) - 1)) != 0)
        {
            throw FailAt(start, "bit string unused bits are not zero");
        }

        bitCount = ((length - 1) * 8) - unused;
        if (bitCount < minBits || bitCount > maxBits)
        {
            throw FailAt(start, $"bit string of {bitCount} bits is outside {minBits}..{maxBits}");
        }

        return bytes;
    }

    /// <summary>X.696 §17: the quantity of a SEQUENCE OF. The count is bounded by the bytes left
    /// (each element takes at least <paramref name="minElementOctets"/>) and by <see cref="MaxQuantity"/>.</summary>
    public int ReadQuantity(int minElementOctets = 1, int minCount = 0, int maxCount = MaxQuantity)
    {
        var start = _position;
        var count = ReadSemiConstrainedUnsigned();
        if (count < (ulong)minCount || count > (ulong)Math.Min(maxCount, MaxQuantity))
        {
            throw FailAt(start, $"count {count} is outside {minCount}..{Math.Min(maxCount, MaxQuantity)}");
        }

        if (minElementOctets > 0 && count > (ulong)(Remaining / minElementOctets))
        {
            throw FailAt(start, $"count {count} overruns the buffer");
        }

        return (int)count;
    }

    /// <summary>UTF8String with a size constraint in octets; invalid UTF-8 is rejected.</summary>
    public string ReadUtf8String(int minSize, int maxSize)
    {
        var start = _position;
        var bytes = ReadOctetString(minSize, maxSize);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw FailAt(start, "invalid UTF-8");
        }
    }
}
