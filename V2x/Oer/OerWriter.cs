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
public sealed partial class OerWriter
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

    /// <summary>Forgets what was written after <paramref name="length"/> octets (undoes a partial write).</summary>
    internal void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

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

    /// <summary>
    /// Appends <paramref name="count"/> octets and returns them for the caller to fill in place (an
    /// already encoded value of known size, written without an intermediate buffer). The span is valid
    /// until the next write.
    /// </summary>
    public Span<byte> Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var span = Grow(count);
        span.Clear();
        return span;
    }

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
