using System.Buffers.Binary;
using System.Numerics;

namespace V2x.Oer;

/// <summary>
/// Canonical OER encoder (ITU-T X.696, canonical variant) writing into a growable buffer.
/// One writer can be reused: <see cref="Reset"/> keeps the buffer.
/// </summary>
/// <remarks>
/// The writer never produces a non-canonical form: lengths use the short form below 128, integers
/// use the fewest octets, unused bits are zero. Caller mistakes (a value outside the constraint it
/// names, a wrong fixed size) throw <see cref="ArgumentException"/>.
/// </remarks>
public sealed class OerWriter
{
    private byte[] _buffer;
    private int _length;

    public OerWriter(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets what was written; keeps the buffer.</summary>
    public void Reset() => _length = 0;

    /// <summary>Copies the bytes written so far into a new array.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>The bytes written from <paramref name="start"/> to the current end.</summary>
    public ReadOnlySpan<byte> Since(int start) => _buffer.AsSpan(start, _length - start);

    /// <summary>Appends raw bytes (an already encoded value).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
    }

    public void WriteByte(byte value) => Grow(1)[0] = value;

    // X.696 §8.6: a length determinant: short form (one octet, 0..127) or long form
    // (0x80 | n followed by n octets, minimal). Canonical OER uses the short form whenever possible.
    public void WriteLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < 0x80)
        {
            WriteByte((byte)length);
            return;
        }

        var n = MinimalUnsignedOctets((ulong)length);
        var span = Grow(1 + n);
        span[0] = (byte)(0x80 | n);
        WriteUnsignedBigEndian((ulong)length, span.Slice(1, n));
    }

    /// <summary>X.696 §10.3: a constrained whole number with a non-negative lower bound, in the fixed size
    /// (1, 2, 4 or 8 octets) given by the upper bound.</summary>
    public void WriteConstrainedUnsigned(ulong value, ulong upperBound)
    {
        if (value > upperBound)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} exceeds the upper bound {upperBound}");
        }

        var span = Grow(OerRules.FixedUnsignedOctets(upperBound));
        WriteUnsignedBigEndian(value, span);
    }

    /// <summary>X.696 §10.4: a constrained whole number with a negative lower bound, as fixed-size two's complement.</summary>
    public void WriteConstrainedSigned(long value, long lowerBound, long upperBound)
    {
        if (value < lowerBound || value > upperBound)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} is outside {lowerBound}..{upperBound}");
        }

        var span = Grow(OerRules.FixedSignedOctets(lowerBound, upperBound));
        WriteUnsignedBigEndian(unchecked((ulong)value), span);
    }

    /// <summary>X.696 §10.6: a semi-constrained non-negative whole number (lower bound 0, no upper bound):
    /// a length determinant and the minimal unsigned octets.</summary>
    public void WriteSemiConstrainedUnsigned(ulong value)
    {
        var n = MinimalUnsignedOctets(value);
        WriteLength(n);
        WriteUnsignedBigEndian(value, Grow(n));
    }

    /// <summary>X.696 §10.8: an unconstrained whole number: a length determinant and the minimal
    /// two's-complement octets.</summary>
    public void WriteUnconstrainedSigned(long value)
    {
        var n = MinimalSignedOctets(value);
        WriteLength(n);
        WriteUnsignedBigEndian(unchecked((ulong)value), Grow(n));
    }

    // X.696 §11: enumerated values 0..127 in one octet (bit 8 zero); others in the long form
    // (0x80 | n, then n octets of two's complement).
    public void WriteEnumerated(int value)
    {
        if (value is >= 0 and < 0x80)
        {
            WriteByte((byte)value);
            return;
        }

        var n = MinimalSignedOctets(value);
        var span = Grow(1 + n);
        span[0] = (byte)(0x80 | n);
        WriteUnsignedBigEndian(unchecked((ulong)(long)value), span.Slice(1, n));
    }

    // X.696 §12: BOOLEAN is 0x00 or 0xFF.
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xFF : (byte)0x00);

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

        WriteRaw(value);
    }

    /// <summary>X.696 §13: a variable-size BIT STRING: length, unused-bit count, octets (unused bits zero).</summary>
    public void WriteBitString(ReadOnlySpan<byte> value, int bitCount)
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

        WriteLength(octets + 1);
        WriteByte((byte)unused);
        WriteRaw(value);
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

    private Span<byte> Grow(int count)
    {
        var needed = _length + count;
        if (needed > _buffer.Length)
        {
            var size = Math.Max(needed, _buffer.Length * 2);
            Array.Resize(ref _buffer, size);
        }

        var span = _buffer.AsSpan(_length, count);
        _length = needed;
        return span;
    }

    internal static int MinimalUnsignedOctets(ulong value)
    {
        var bits = 64 - BitOperations.LeadingZeroCount(value);
        return Math.Max(1, (bits + 7) / 8);
    }

    internal static int MinimalSignedOctets(long value)
    {
        // Number of octets such that the value fits in two's complement.
        var n = 1;
        while (n < 8)
        {
            var min = -(1L << ((8 * n) - 1));
            var max = (1L << ((8 * n) - 1)) - 1;
            if (value >= min && value <= max)
            {
                break;
            }

            n++;
        }

        return n;
    }

    private static void WriteUnsignedBigEndian(ulong value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }

    /// <summary>Writes a big-endian unsigned 64-bit value in 8 octets (Uint64, Time64).</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value);

    /// <summary>Writes a big-endian 32-bit value in 4 octets (Uint32, Time32).</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);

    /// <summary>Writes a big-endian 16-bit value in 2 octets (Uint16).</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);
}
