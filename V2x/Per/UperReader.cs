namespace V2x.Per;

/// <summary>
/// Reads ITU-T X.691 unaligned PER (UPER). The decoder of each ASN.1 type calls the primitives in
/// the order of the type's components; every malformed input raises <see cref="DecodeException"/>
/// naming the field path and the byte offset, and nothing else.
/// </summary>
public sealed partial class UperReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly FieldPath _path;
    private readonly long _baseByteOffset;
    private readonly long _bitLimit;
    private long _bitPosition;

    /// <summary>Reads <paramref name="data"/>; field paths start at <paramref name="rootName"/>.</summary>
    public UperReader(ReadOnlyMemory<byte> data, string rootName = "value")
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        _data = data;
        _path = new FieldPath(rootName);
        _bitLimit = data.Length * 8L;
    }

    private UperReader(ReadOnlyMemory<byte> data, FieldPath path, long baseByteOffset)
    {
        _data = data;
        _path = path;
        _baseByteOffset = baseByteOffset;
        _bitLimit = data.Length * 8L;
    }

    /// <summary>Bits consumed so far.</summary>
    public long BitPosition => _bitPosition;

    /// <summary>Bits not yet consumed.</summary>
    public long RemainingBits => _bitLimit - _bitPosition;

    /// <summary>Enters a named component; dispose the scope to leave it.</summary>
    public FieldScope Field(string name) => new(_path, name);

    /// <summary>Builds the typed error for the current position and field path.</summary>
    public DecodeException Error(string? name, string reason) =>
        new(_path.Describe(name), _baseByteOffset + (_bitPosition >> 3), reason);

    /// <summary>Reads one bit.</summary>
    public bool ReadBit(string name)
    {
        Need(1, name);
        var bit = (_data.Span[(int)(_bitPosition >> 3)] & (0x80 >> (int)(_bitPosition & 7))) != 0;
        _bitPosition++;
        return bit;
    }

    /// <summary>Reads <paramref name="count"/> bits (0 to 64) as an unsigned number, most significant first.</summary>
    public ulong ReadBits(int count, string name)
    {
        if (count is < 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "0 to 64 bits");
        }

        Need(count, name);
        var span = _data.Span;
        ulong value = 0;
        var remaining = count;
        while (remaining > 0)
        {
            var bitInByte = (int)(_bitPosition & 7);
            var take = Math.Min(8 - bitInByte, remaining);
            var octet = span[(int)(_bitPosition >> 3)];
            var chunk = (ulong)((octet >> (8 - bitInByte - take)) & ((1 << take) - 1));
            value = (value << take) | chunk;
            _bitPosition += take;
            remaining -= take;
        }

        return value;
    }

    /// <summary>Reads <paramref name="count"/> whole octets from the current bit position.</summary>
    public byte[] ReadOctets(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Need(count * 8L, name);
        var result = new byte[count];
        if ((_bitPosition & 7) == 0)
        {
            _data.Span.Slice((int)(_bitPosition >> 3), count).CopyTo(result);
            _bitPosition += count * 8L;
            return result;
        }

        for (var i = 0; i < count; i++)
        {
            result[i] = (byte)ReadBits(8, name);
        }

        return result;
    }

    /// <summary>
    /// Consumes the rest of this reader's input unread: for the reader over an open type whose content the
    /// caller does not decode (an extension addition it leaves to another version, X.691 §19.9).
    /// </summary>
    internal void SkipRest() => _bitPosition = _bitLimit;

    /// <summary>
    /// Checks that the complete encoding (X.691 §11.1) ends here: at most seven padding bits remain
    /// and they are zero, and no octet follows. An encoding of no bits must be the single octet 0x00.
    /// </summary>
    public void ExpectEnd()
    {
        if (_bitLimit == 0)
        {
            throw Error(null, "empty encoding: a complete encoding has at least one octet (X.691 §11.1.3)");
        }

        var padding = RemainingBits;
        if (padding >= 8)
        {
            if (_bitPosition == 0 && _bitLimit == 8 && _data.Span[0] == 0)
            {
                _bitPosition = _bitLimit;
                return;
            }

            throw Error(null, $"{(padding + 7) / 8} trailing octet(s) after the encoding");
        }

        if (padding > 0 && ReadBits((int)padding, "padding") != 0)
        {
            throw Error(null, "non-zero padding bits after the encoding");
        }
    }

    /// <summary>Throws the truncation error unless <paramref name="bits"/> more bits are available.</summary>
    private void Need(long bits, string name)
    {
        if (bits > RemainingBits)
        {
            throw Error(name, $"truncated: {bits} bit(s) needed, {RemainingBits} left");
        }
    }
}
