using System.Buffers.Binary;

namespace Firmware.SecurePartition.Encoding;

/// <summary>
/// Reader of the encoding <see cref="ByteWriter"/> writes. Every read is bounds-checked; running
/// short, an over-long length, invalid UTF-8 or bytes left over raise
/// <see cref="MalformedDataException"/> naming the field and offset.
/// </summary>
public sealed class ByteReader
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);
    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _what;

    /// <summary>Reads <paramref name="data"/>, naming errors after <paramref name="what"/>.</summary>
    public ByteReader(ReadOnlyMemory<byte> data, string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        _data = data;
        _what = what;
    }

    /// <summary>Current offset.</summary>
    public int Offset { get; private set; }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _data.Length - Offset;

    /// <summary>Reads one byte.</summary>
    public byte U8(string field) => Take(1, field)[0];

    /// <summary>Reads a boolean byte (0 or 1 only).</summary>
    public bool Bool(string field)
    {
        var at = Offset;
        return U8(field) switch
        {
            0 => false,
            1 => true,
            _ => throw Fail(field, at, "a boolean is 0 or 1"),
        };
    }

    /// <summary>Reads a u16.</summary>
    public ushort U16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    /// <summary>Reads a u32.</summary>
    public uint U32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    /// <summary>Reads an i32.</summary>
    public int I32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    /// <summary>Reads a u64.</summary>
    public ulong U64(string field) => BinaryPrimitives.ReadUInt64BigEndian(Take(8, field));

    /// <summary>Reads an i64.</summary>
    public long I64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(8, field));

    /// <summary>Reads a binary64 double; NaN and infinities are refused.</summary>
    public double F64(string field)
    {
        var at = Offset;
        var value = BitConverter.UInt64BitsToDouble(U64(field));
        return double.IsFinite(value) ? value : throw Fail(field, at, "not a finite number");
    }

    /// <summary>Reads an instant written by <see cref="ByteWriter.Time"/>.</summary>
    public DateTimeOffset Time(string field)
    {
        var at = Offset;
        var micros = I64(field);
        const long maxMicros = 253_402_300_799L * 1_000_000; // 9999-12-31T23:59:59Z
        const long minMicros = -62_135_596_800L * 1_000_000; // 0001-01-01T00:00:00Z
        if (micros < minMicros || micros > maxMicros)
        {
            throw Fail(field, at, "time out of range");
        }

        return DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>Reads a fixed number of bytes.</summary>
    public byte[] Raw(int count, string field) => Take(count, field).ToArray();

    /// <summary>Reads a u32-length-prefixed byte string of at most <paramref name="maxBytes"/>.</summary>
    public byte[] Bytes(string field, int maxBytes)
    {
        var at = Offset;
        var length = U32(field);
        if (length > (uint)maxBytes || length > (uint)Remaining)
        {
            throw Fail(field, at, $"length {length} exceeds {Math.Min(maxBytes, Remaining)}");
        }

        return Take((int)length, field).ToArray();
    }

    /// <summary>Reads u16-length-prefixed UTF-8 text of at most <paramref name="maxBytes"/> bytes.</summary>
    public string Text(string field, int maxBytes = 1024)
    {
        var at = Offset;
        var length = U16(field);
        if (length > maxBytes)
        {
            throw Fail(field, at, $"text of {length} bytes exceeds {maxBytes}");
        }

        var bytes = Take(length, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Fail(field, at, "invalid UTF-8");
        }
    }

    /// <summary>Reads a u16 count (at most <paramref name="maxItems"/>) then each item.</summary>
    public List<T> List<T>(string field, int maxItems, Func<ByteReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var at = Offset;
        var count = U16(field);
        if (count > maxItems)
        {
            throw Fail(field, at, $"{count} items exceed {maxItems}");
        }

        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(read(this));
        }

        return list;
    }

    /// <summary>Reads a byte that must name a defined value of <typeparamref name="TEnum"/>.</summary>
    public TEnum Enum<TEnum>(string field)
        where TEnum : struct, System.Enum
    {
        var at = Offset;
        var raw = U8(field);
        var value = (TEnum)System.Enum.ToObject(typeof(TEnum), raw);
        return System.Enum.IsDefined(value) ? value : throw Fail(field, at, $"undefined value {raw}");
    }

    /// <summary>Fails unless every byte was read.</summary>
    public void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Fail("end", Offset, $"{Remaining} bytes left over");
        }
    }

    /// <summary>An error at an offset of this buffer.</summary>
    public MalformedDataException Fail(string field, int offset, string reason) => new($"{_what}.{field}", offset, reason);

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > Remaining)
        {
            throw Fail(field, Offset, $"needs {count} bytes, {Remaining} left");
        }

        var span = _data.Span.Slice(Offset, count);
        Offset += count;
        return span;
    }
}
