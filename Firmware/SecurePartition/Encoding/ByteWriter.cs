using System.Buffers.Binary;

namespace Firmware.SecurePartition.Encoding;

/// <summary>
/// Writer of the secure partition's compact binary encoding (Docs/secure-partition.md,
/// "Encoding"): unsigned integers big-endian (network order, RFC 1700), byte strings prefixed
/// by a u32 length, text as UTF-8 prefixed by a u16 length, lists prefixed by a u16 count.
/// </summary>
public sealed class ByteWriter
{
    private byte[] _buffer;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public ByteWriter(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _buffer = new byte[Math.Max(16, capacity)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    /// <summary>Writes one byte.</summary>
    public ByteWriter U8(byte value)
    {
        Ensure(1)[0] = value;
        return this;
    }

    /// <summary>Writes a boolean as one byte (0 or 1).</summary>
    public ByteWriter Bool(bool value) => U8(value ? (byte)1 : (byte)0);

    /// <summary>Writes a u16, big-endian.</summary>
    public ByteWriter U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Ensure(2), value);
        return this;
    }

    /// <summary>Writes a u32, big-endian.</summary>
    public ByteWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Ensure(4), value);
        return this;
    }

    /// <summary>Writes an i32, big-endian two's complement.</summary>
    public ByteWriter I32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Ensure(4), value);
        return this;
    }

    /// <summary>Writes a u64, big-endian.</summary>
    public ByteWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Ensure(8), value);
        return this;
    }

    /// <summary>Writes an i64, big-endian two's complement.</summary>
    public ByteWriter I64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Ensure(8), value);
        return this;
    }

    /// <summary>Writes a double as its IEEE 754 binary64 bits, big-endian.</summary>
    public ByteWriter F64(double value) => U64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Writes an instant as signed microseconds since the Unix epoch.</summary>
    public ByteWriter Time(DateTimeOffset value) => I64((value - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>Writes bytes as they are (fixed-size fields).</summary>
    public ByteWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Ensure(bytes.Length));
        return this;
    }

    /// <summary>Writes a u32 length then the bytes.</summary>
    public ByteWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        U32((uint)bytes.Length);
        return Raw(bytes);
    }

    /// <summary>Writes a u16 length then the UTF-8 text.</summary>
    /// <exception cref="ArgumentException">The text is longer than 65,535 UTF-8 bytes.</exception>
    public ByteWriter Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException("Text is limited to 65,535 UTF-8 bytes.", nameof(value));
        }

        U16((ushort)count);
        System.Text.Encoding.UTF8.GetBytes(value, Ensure(count));
        return this;
    }

    /// <summary>Writes a u16 count then each item.</summary>
    /// <exception cref="ArgumentException">More than 65,535 items.</exception>
    public ByteWriter List<T>(IReadOnlyCollection<T> items, Action<ByteWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(write);
        if (items.Count > ushort.MaxValue)
        {
            throw new ArgumentException("Lists are limited to 65,535 items.", nameof(items));
        }

        U16((ushort)items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }

        return this;
    }

    private Span<byte> Ensure(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
