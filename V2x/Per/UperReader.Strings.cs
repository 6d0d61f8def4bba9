using System.Text;

namespace V2x.Per;

public sealed partial class UperReader
{
    /// <summary>BOOLEAN: X.691 §12.</summary>
    public bool ReadBoolean(string name) => ReadBit(name);

    /// <summary>
    /// A fixed-size BIT STRING of up to 64 bits holding a named-bit list: ASN.1 bit <c>i</c> becomes
    /// bit <c>i</c> (value <c>1 &lt;&lt; i</c>) of the result (X.691 §16.9-16.10).
    /// </summary>
    public ulong ReadFixedBits(int size, string name)
    {
        if (size is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "1 to 64 bits");
        }

        Need(size, name);
        ulong bits = 0;
        for (var i = 0; i < size; i++)
        {
            if (ReadBit(name))
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }

    /// <summary>BIT STRING <c>(SIZE(minSize..maxSize[, ...]))</c>: X.691 §16; -1 for no upper bound.</summary>
    public BitString ReadBitString(int minSize, int maxSize, bool extensible, string name)
    {
        var size = ReadSizeHeader(minSize, maxSize, extensible, name);
        if (size >= 0)
        {
            return ReadBitRange(size, name);
        }

        var parts = new List<BitString>();
        var total = ReadUnconstrainedCount(name, 1, (_, count) => parts.Add(ReadBitRange(count, name)));
        CheckUnconstrainedSize(total, minSize, maxSize, extensible, name);
        var bits = new bool[total];
        var at = 0;
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Length; i++)
            {
                bits[at++] = part[i];
            }
        }

        return BitString.FromBits(bits);
    }

    /// <summary>OCTET STRING <c>(SIZE(minSize..maxSize[, ...]))</c>: X.691 §17; -1 for no upper bound.</summary>
    public byte[] ReadOctetString(int minSize, int maxSize, bool extensible, string name)
    {
        var size = ReadSizeHeader(minSize, maxSize, extensible, name);
        if (size >= 0)
        {
            return ReadOctets(size, name);
        }

        var octets = ReadUnconstrainedOctets(name);
        CheckUnconstrainedSize(octets.Length, minSize, maxSize, extensible, name);
        return octets;
    }

    /// <summary>IA5String <c>(SIZE(minSize..maxSize))</c>: X.691 §30.5, 7 bits per character.</summary>
    public string ReadIa5String(int minSize, int maxSize, string name)
    {
        var builder = new StringBuilder();
        void ReadChars(int count)
        {
            Need(count * 7L, name);
            for (var i = 0; i < count; i++)
            {
                builder.Append((char)ReadBits(7, name));
            }
        }

        var size = ReadSizeHeader(minSize, maxSize, false, name);
        if (size >= 0)
        {
            ReadChars(size);
        }
        else
        {
            var total = ReadUnconstrainedCount(name, 7, (_, count) => ReadChars(count));
            CheckUnconstrainedSize(total, minSize, maxSize, false, name);
        }

        return builder.ToString();
    }

    /// <summary>NumericString <c>(SIZE(minSize..maxSize))</c>: X.691 §30.5, 4-bit indexes into " 0123456789".</summary>
    public string ReadNumericString(int minSize, int maxSize, string name)
    {
        var builder = new StringBuilder();
        void ReadChars(int count)
        {
            Need(count * 4L, name);
            for (var i = 0; i < count; i++)
            {
                var index = (int)ReadBits(4, name);
                if (index > 10)
                {
                    throw Error(name, $"NumericString character index {index} outside the alphabet (0..10)");
                }

                builder.Append(index == 0 ? ' ' : (char)('0' + index - 1));
            }
        }

        var size = ReadSizeHeader(minSize, maxSize, false, name);
        if (size >= 0)
        {
            ReadChars(size);
        }
        else
        {
            var total = ReadUnconstrainedCount(name, 4, (_, count) => ReadChars(count));
            CheckUnconstrainedSize(total, minSize, maxSize, false, name);
        }

        return builder.ToString();
    }

    /// <summary>
    /// UTF8String: X.691 §30.6-30.7, UTF-8 octets under an unconstrained length; invalid UTF-8 and a
    /// character count outside <paramref name="minChars"/>..<paramref name="maxChars"/> are rejected.
    /// </summary>
    public string ReadUtf8String(int minChars, int maxChars, string name)
    {
        var octets = ReadUnconstrainedOctets(name);
        string value;
        try
        {
            value = new UTF8Encoding(false, true).GetString(octets);
        }
        catch (DecoderFallbackException)
        {
            throw Error(name, "invalid UTF-8");
        }

        var chars = UnicodeScalars.Count(value);
        if (chars < minChars || (maxChars >= 0 && chars > maxChars))
        {
            throw Error(name, $"{chars} characters, outside ({minChars}..{maxChars})");
        }

        return value;
    }

    private byte[] ReadUnconstrainedOctets(string name)
    {
        var parts = new List<byte[]>();
        var total = ReadUnconstrainedCount(name, 8, (_, count) => parts.Add(ReadOctets(count, name)));
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var octets = new byte[total];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(octets, at);
            at += part.Length;
        }

        return octets;
    }

    private BitString ReadBitRange(int count, string name)
    {
        Need(count, name);
        var octets = new byte[(count + 7) / 8];
        for (var i = 0; i < count; i++)
        {
            if (ReadBit(name))
            {
                octets[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }

        return new BitString(octets, count);
    }
}
