namespace V2x.Per;

/// <summary>
/// Writes ITU-T X.691 unaligned PER (UPER, BASIC-PER UNALIGNED variant). The encoder of each
/// ASN.1 type calls the primitives in the order of the type's components; <see cref="ToArray"/>
/// then yields the complete encoding (§11.1).
/// </summary>
/// <remarks>
/// A value outside its PER-visible constraint is a caller's mistake: the writer throws
/// <see cref="ArgumentOutOfRangeException"/> whose parameter name is the field path (for example
/// <c>CAM.cam.camParameters.basicContainer.stationType</c>), and the caller should discard the writer.
/// </remarks>
public sealed partial class UperWriter
{
    private readonly FieldPath _path;
    private byte[] _buffer = new byte[64];
    private long _bitLength;

    /// <summary>Creates an empty writer whose field paths start at <paramref name="rootName"/>.</summary>
    public UperWriter(string rootName = "value")
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        _path = new FieldPath(rootName);
    }

    private UperWriter(FieldPath path)
    {
        _path = path;
    }

    /// <summary>Number of bits written so far.</summary>
    public long BitLength => _bitLength;

    /// <summary>Enters a named component; dispose the scope to leave it.</summary>
    public FieldScope Field(string name) => new(_path, name);

    /// <summary>Writes one bit.</summary>
    public void WriteBit(bool bit)
    {
        EnsureCapacity(_bitLength + 1);
        if (bit)
        {
            _buffer[_bitLength >> 3] |= (byte)(0x80 >> (int)(_bitLength & 7));
        }

        _bitLength++;
    }

    /// <summary>Writes the <paramref name="count"/> low bits of <paramref name="value"/>, most significant first.</summary>
    public void WriteBits(ulong value, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        if (count < 64 && (value >> count) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {count} bits");
        }

        EnsureCapacity(_bitLength + count);
        var remaining = count;
        while (remaining > 0)
        {
            var bitInByte = (int)(_bitLength & 7);
            var take = Math.Min(8 - bitInByte, remaining);
            var chunk = (byte)((value >> (remaining - take)) & ((1UL << take) - 1));
            _buffer[_bitLength >> 3] |= (byte)(chunk << (8 - bitInByte - take));
            _bitLength += take;
            remaining -= take;
        }
    }

    /// <summary>Writes whole octets (no alignment: UPER places them at the current bit position).</summary>
    public void WriteOctets(ReadOnlySpan<byte> octets)
    {
        if ((_bitLength & 7) == 0)
        {
            EnsureCapacity(_bitLength + (octets.Length * 8L));
            octets.CopyTo(_buffer.AsSpan((int)(_bitLength >> 3)));
            _bitLength += octets.Length * 8L;
            return;
        }

        foreach (var octet in octets)
        {
            WriteBits(octet, 8);
        }
    }

    /// <summary>
    /// The complete encoding (X.691 §11.1): the bits written, padded with zero bits to a whole
    /// number of octets; an encoding of no bits becomes the single octet 0x00 (§11.1.3).
    /// </summary>
    public byte[] ToArray()
    {
        if (_bitLength == 0)
        {
            return [0];
        }

        var octets = (int)((_bitLength + 7) >> 3);
        return _buffer.AsSpan(0, octets).ToArray();
    }

    /// <summary>Builds the error thrown for a value outside its constraint, naming the field path.</summary>
    public ArgumentOutOfRangeException OutOfRange(string name, object? value, string reason) =>
        new(_path.Describe(name), value, reason);

    /// <summary>Throws when a required component is missing (null), naming the field path.</summary>
    public void Require(object? component, string name)
    {
        if (component is null)
        {
            throw new ArgumentNullException(_path.Describe(name), "a mandatory component is missing");
        }
    }

    private void EnsureCapacity(long bits)
    {
        var octets = (bits + 7) >> 3;
        if (octets <= _buffer.Length)
        {
            return;
        }

        if (octets > Array.MaxLength)
        {
            throw new InvalidOperationException("encoding too large");
        }

        var size = Math.Max(_buffer.Length * 2L, octets);
        Array.Resize(ref _buffer, (int)Math.Min(size, Array.MaxLength));
    }
}
