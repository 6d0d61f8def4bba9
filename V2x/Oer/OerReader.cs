using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace V2x.Oer;

/// <summary>
/// Canonical OER decoder (ITU-T X.696, canonical variant) over a buffer received from outside.
/// Every failure raises <see cref="DecodeException"/> naming the field path (kept with
/// <see cref="Push"/> / <see cref="Pop"/>) and the absolute byte offset.
/// </summary>
/// <remarks>
/// Hostile input cannot make the reader allocate more than the input size or loop: every length
/// and count is checked against the bytes that remain before anything is allocated, nesting is
/// bounded by <see cref="MaxDepth"/>, and every element consumes at least one octet.
/// </remarks>
public sealed partial class OerReader
{
    /// <summary>Deepest field path the reader accepts (bounds recursion through nested types).</summary>
    public const int MaxDepth = 48;

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly byte[] _array;
    private readonly int _arrayOffset;
    private string[] _path = new string[12];
    private int _depth;
    private int _position;
    private int _end;

    public OerReader(ReadOnlyMemory<byte> buffer, string rootName)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        if (!MemoryMarshal.TryGetArray(buffer, out var segment))
        {
            segment = new ArraySegment<byte>(buffer.ToArray());
        }

        // Direct array access on the hot path; slices handed out still refer to the caller's buffer.
        _array = segment.Array!;
        _arrayOffset = segment.Offset;
        _memory = new ReadOnlyMemory<byte>(_array, _arrayOffset, segment.Count);
        _end = segment.Count;
        _path[0] = rootName;
        _depth = 1;
    }

    /// <summary>Absolute offset of the next byte to read.</summary>
    public int Position => _position;

    /// <summary>Bytes left before the current limit (end of buffer or of the enclosing open type).</summary>
    public int Remaining => _end - _position;

    /// <summary>The whole buffer being decoded.</summary>
    public ReadOnlyMemory<byte> Buffer => _memory;

    /// <summary>Enters a named field; failures inside name it.</summary>
    public void Push(string name)
    {
        if (_depth >= MaxDepth)
        {
            throw Fail("nesting deeper than " + MaxDepth + " levels");
        }

        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, Math.Min(MaxDepth, _path.Length * 2));
        }

        _path[_depth++] = name;
    }

    /// <summary>Leaves the field entered last.</summary>
    public void Pop()
    {
        if (_depth > 1)
        {
            _depth--;
        }
    }

    /// <summary>The dotted path of the field being decoded.</summary>
    public string FieldPath => string.Join('.', _path, 0, _depth);

    /// <summary>Builds the typed error for the current field and offset.</summary>
    public DecodeException Fail(string reason) => new(FieldPath, _position, reason);

    /// <summary>Builds the typed error at an explicit offset.</summary>
    public DecodeException FailAt(int offset, string reason) => new(FieldPath, offset, reason);

    /// <summary>Fails unless every byte up to the current limit was consumed (no trailing bytes).</summary>
    public void ExpectEnd()
    {
        if (_position != _end)
        {
            throw Fail($"{_end - _position} trailing byte(s) after the value");
        }
    }

    public byte ReadByte()
    {
        if (_position >= _end)
        {
            throw Fail("truncated: expected 1 more byte");
        }

        return _array[_arrayOffset + _position++];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes as a slice of the input (no copy).</summary>
    public ReadOnlyMemory<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw Fail($"truncated: expected {count} byte(s), {_end - _position} left");
        }

        var slice = _memory.Slice(_position, count);
        _position += count;
        return slice;
    }

    private ReadOnlySpan<byte> ReadSpan(int count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw Fail($"truncated: expected {count} byte(s), {_end - _position} left");
        }

        var span = new ReadOnlySpan<byte>(_array, _arrayOffset + _position, count);
        _position += count;
        return span;
    }

    // X.696 §8.6: length determinant, canonical: short form for 0..127, long form minimal and only
    // for values ≥ 128. The length must fit in what remains.
    public int ReadLength()
    {
        var start = _position;
        var first = ReadByte();
        if ((first & 0x80) == 0)
        {
            return CheckFits(first, start);
        }

        var n = first & 0x7F;
        if (n == 0)
        {
            throw FailAt(start, "indefinite or empty long-form length is not OER");
        }

        if (n > 4)
        {
            throw FailAt(start, $"length of {n} octets is beyond this decoder's limit");
        }

        var octets = ReadSpan(n);
        if (octets[0] == 0)
        {
            throw FailAt(start, "non-canonical long-form length (leading zero octet)");
        }

        ulong value = 0;
        foreach (var b in octets)
        {
            value = (value << 8) | b;
        }

        if (value < 0x80)
        {
            throw FailAt(start, "non-canonical length: long form used for a value below 128");
        }

        if (value > int.MaxValue)
        {
            throw FailAt(start, $"length {value} overruns the buffer");
        }

        return CheckFits((int)value, start);
    }

    private int CheckFits(int length, int start)
    {
        if (length > _end - _position)
        {
            throw FailAt(start, $"length {length} overruns the buffer ({_end - _position} byte(s) left)");
        }

        return length;
    }

    /// <summary>X.696 §10.3: a fixed-size constrained unsigned integer, checked against its bounds.</summary>
    public ulong ReadConstrainedUnsigned(ulong lowerBound, ulong upperBound)
    {
        var start = _position;
        var value = ReadUnsignedBigEndian(ReadSpan(OerRules.FixedUnsignedOctets(upperBound)));
        if (value < lowerBound || value > upperBound)
        {
            throw FailAt(start, $"value {value} is outside {lowerBound}..{upperBound}");
        }

        return value;
    }

    public byte ReadUInt8() => ReadByte();

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadSpan(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadSpan(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(ReadSpan(8));

    /// <summary>X.696 §10.4: a fixed-size constrained signed integer, checked against its bounds.</summary>
    public long ReadConstrainedSigned(long lowerBound, long upperBound)
    {
        var start = _position;
        var octets = ReadSpan(OerRules.FixedSignedOctets(lowerBound, upperBound));
        var value = ReadSignedBigEndian(octets);
        if (value < lowerBound || value > upperBound)
        {
            throw FailAt(start, $"value {value} is outside {lowerBound}..{upperBound}");
        }

        return value;
    }

    /// <summary>X.696 §10.6: a semi-constrained non-negative integer (length + minimal octets).
    /// Values beyond 64 bits are rejected as outside what this decoder supports.</summary>
    public ulong ReadSemiConstrainedUnsigned()
    {
        var start = _position;
        var n = ReadLength();
        if (n == 0)
        {
            throw FailAt(start, "integer with zero content octets");
        }

        var octets = ReadSpan(n);
        if (n > 1 && octets[0] == 0)
        {
            throw FailAt(start, "non-canonical integer: leading zero octet");
        }

        if (n > 8)
        {
            throw FailAt(start, $"integer of {n} octets is beyond 64 bits");
        }

        return ReadUnsignedBigEndian(octets);
    }

    /// <summary>X.696 §10.8: an unconstrained signed integer (length + minimal two's complement).</summary>
    public long ReadUnconstrainedSigned()
    {
        var start = _position;
        var n = ReadLength();
        if (n == 0)
        {
            throw FailAt(start, "integer with zero content octets");
        }

        var octets = ReadSpan(n);
        if (n > 1 && ((octets[0] == 0x00 && (octets[1] & 0x80) == 0) || (octets[0] == 0xFF && (octets[1] & 0x80) != 0)))
        {
            throw FailAt(start, "non-canonical integer: redundant leading octet");
        }

        if (n > 8)
        {
            throw FailAt(start, $"integer of {n} octets is beyond 64 bits");
        }

        return ReadSignedBigEndian(octets);
    }

    /// <summary>X.696 §11: an enumerated value; <paramref name="isDefined"/> rejects values outside the type.</summary>
    public int ReadEnumerated(Func<int, bool> isDefined)
    {
        ArgumentNullException.ThrowIfNull(isDefined);
        var start = _position;
        var first = ReadByte();
        int value;
        if ((first & 0x80) == 0)
        {
            value = first;
        }
        else
        {
            var n = first & 0x7F;
            if (n is 0 or > 4)
            {
                throw FailAt(start, "enumerated long form of unsupported size");
            }

            var octets = ReadSpan(n);
            var v = ReadSignedBigEndian(octets);
            if (v is >= 0 and < 0x80)
            {
                throw FailAt(start, "non-canonical enumerated: long form for a value below 128");
            }

            if (n > 1 && ((octets[0] == 0x00 && (octets[1] & 0x80) == 0) || (octets[0] == 0xFF && (octets[1] & 0x80) != 0)))
            {
                throw FailAt(start, "non-canonical enumerated: redundant leading octet");
            }

            value = (int)v;
        }

        if (!isDefined(value))
        {
            throw FailAt(start, $"undefined enumeration value {value}");
        }

        return value;
    }

    // X.696 §12: canonical BOOLEAN is exactly 0x00 or 0xFF.
    public bool ReadBoolean()
    {
        var start = _position;
        return ReadByte() switch
        {
            0x00 => false,
            0xFF => true,
            var other => throw FailAt(start, $"non-canonical BOOLEAN 0x{other:X2}"),
        };
    }

    private static ulong ReadUnsignedBigEndian(ReadOnlySpan<byte> octets)
    {
        ulong value = 0;
        foreach (var b in octets)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static long ReadSignedBigEndian(ReadOnlySpan<byte> octets)
    {
        long value = (octets[0] & 0x80) != 0 ? -1 : 0;
        foreach (var b in octets)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
