using System.Text;

namespace V2x.Per;

public sealed partial class UperWriter
{
    /// <summary>
    /// BOOLEAN: X.691 §12, a single bit (1 for TRUE).
    /// </summary>
    public void WriteBoolean(bool value) => WriteBit(value);

    /// <summary>
    /// A BIT STRING of fixed size up to 64 bits holding a named-bit list: bit <c>i</c> of
    /// <paramref name="bits"/> (value <c>1 &lt;&lt; i</c>) is ASN.1 bit <c>i</c>, written first for
    /// <c>i = 0</c>. X.691 §16.9-16.10: a fixed-size bit string below 64K has no length determinant.
    /// </summary>
    public void WriteFixedBits(ulong bits, int size, string name)
    {
        if (size is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "1 to 64 bits");
        }

        if (size < 64 && (bits >> size) != 0)
        {
            throw OutOfRange(name, bits, $"has bits set beyond the size {size}");
        }

        for (var i = 0; i < size; i++)
        {
            WriteBit(((bits >> i) & 1) != 0);
        }
    }

    /// <summary>
    /// BIT STRING <c>(SIZE(minSize..maxSize[, ...]))</c>: X.691 §16; <paramref name="maxSize"/> -1
    /// means no upper bound.
    /// </summary>
    public void WriteBitString(BitString value, int minSize, int maxSize, bool extensible, string name)
    {
        Require(value, name);
        if (WriteSizeHeader(value.Length, minSize, maxSize, extensible, name))
        {
            WriteBitRange(value, 0, value.Length);
            return;
        }

        WriteUnconstrainedCount(value.Length, (start, count) => WriteBitRange(value, start, count));
    }

    /// <summary>
    /// OCTET STRING <c>(SIZE(minSize..maxSize[, ...]))</c>: X.691 §17; <paramref name="maxSize"/>
    /// -1 means no upper bound.
    /// </summary>
    public void WriteOctetString(ReadOnlySpan<byte> value, int minSize, int maxSize, bool extensible, string name)
    {
        if (WriteSizeHeader(value.Length, minSize, maxSize, extensible, name))
        {
            WriteOctets(value);
            return;
        }

        var copy = value.ToArray();
        WriteUnconstrainedCount(copy.Length, (start, count) => WriteOctets(copy.AsSpan(start, count)));
    }

    /// <summary>
    /// IA5String <c>(SIZE(minSize..maxSize))</c>: X.691 §30.5 (known-multiplier character string);
    /// in the UNALIGNED variant each character takes 7 bits and is its ISO 646 code (§30.5.2, §30.5.4).
    /// </summary>
    public void WriteIa5String(string value, int minSize, int maxSize, string name)
    {
        Require(value, name);
        foreach (var c in value)
        {
            if (c > 0x7F)
            {
                throw OutOfRange(name, value, $"character U+{(int)c:X4} is not in IA5String");
            }
        }

        if (WriteSizeHeader(value.Length, minSize, maxSize, false, name))
        {
            foreach (var c in value)
            {
                WriteBits(c, 7);
            }

            return;
        }

        WriteUnconstrainedCount(value.Length, (start, count) =>
        {
            for (var i = start; i < start + count; i++)
            {
                WriteBits(value[i], 7);
            }
        });
    }

    /// <summary>
    /// NumericString <c>(SIZE(minSize..maxSize))</c>: X.691 §30.5. The alphabet is space and the
    /// ten digits (11 characters), so each character takes 4 bits and, since the largest code exceeds
    /// 15, is encoded as its index in the sorted alphabet (§30.5.4 b): space 0, '0' 1, ... '9' 10.
    /// </summary>
    public void WriteNumericString(string value, int minSize, int maxSize, string name)
    {
        Require(value, name);
        foreach (var c in value)
        {
            if (c != ' ' && c is < '0' or > '9')
            {
                throw OutOfRange(name, value, $"character U+{(int)c:X4} is not in NumericString");
            }
        }

        if (WriteSizeHeader(value.Length, minSize, maxSize, false, name))
        {
            foreach (var c in value)
            {
                WriteBits(NumericIndex(c), 4);
            }

            return;
        }

        WriteUnconstrainedCount(value.Length, (start, count) =>
        {
            for (var i = start; i < start + count; i++)
            {
                WriteBits(NumericIndex(value[i]), 4);
            }
        });
    }

    /// <summary>
    /// UTF8String: X.691 §30.6-30.7 (not a known-multiplier type), its UTF-8 octets under an
    /// unconstrained length determinant; a size constraint counts characters and is not PER-visible,
    /// so it is only checked here (<paramref name="minChars"/>..<paramref name="maxChars"/>, -1 for none).
    /// </summary>
    public void WriteUtf8String(string value, int minChars, int maxChars, string name)
    {
        Require(value, name);
        var chars = UnicodeScalars.Count(value);
        if (chars < minChars || (maxChars >= 0 && chars > maxChars))
        {
            throw OutOfRange(name, value, $"{chars} characters, outside ({minChars}..{maxChars})");
        }

        byte[] octets;
        try
        {
            octets = new UTF8Encoding(false, true).GetBytes(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw OutOfRange(name, value, "not valid Unicode: " + ex.Message);
        }

        WriteUnconstrainedCount(octets.Length, (start, count) => WriteOctets(octets.AsSpan(start, count)));
    }

    private static ulong NumericIndex(char c) => c == ' ' ? 0UL : (ulong)(c - '0' + 1);

    private void WriteBitRange(BitString value, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            WriteBit(value[i]);
        }
    }
}
