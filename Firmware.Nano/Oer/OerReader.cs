using System;

namespace Firmware.Nano.Oer;

/// <summary>
/// A bounds-checked reader over an octet array for the few canonical OER (ITU-T X.696) and big-endian
/// structures the MCU reads: the OEM's signed documents and their bodies. Every read past the end, and
/// every non-canonical length, is a <see cref="MalformedDataException"/>; nothing is read outside the array.
/// </summary>
public sealed class OerReader
{
    private readonly byte[] _data;
    private readonly string _what;
    private readonly int _end;
    private int _position;

    /// <summary>A reader over all of <paramref name="data"/>, naming errors after <paramref name="what"/>.</summary>
    public OerReader(byte[] data, string what)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        _data = data;
        _what = what ?? "data";
        _end = data.Length;
    }

    /// <summary>The offset of the next octet.</summary>
    public int Position => _position;

    /// <summary>Octets left.</summary>
    public int Remaining => _end - _position;

    /// <summary>The array read.</summary>
    public byte[] Data => _data;

    /// <summary>One octet.</summary>
    public byte ReadByte(string field)
    {
        Need(1, field);
        return _data[_position++];
    }

    /// <summary>Two octets big-endian.</summary>
    public int ReadUInt16(string field)
    {
        Need(2, field);
        var v = (_data[_position] << 8) | _data[_position + 1];
        _position += 2;
        return v;
    }

    /// <summary>Four octets big-endian.</summary>
    public uint ReadUInt32(string field)
    {
        Need(4, field);
        var v = ((uint)_data[_position] << 24) | ((uint)_data[_position + 1] << 16) | ((uint)_data[_position + 2] << 8) | _data[_position + 3];
        _position += 4;
        return v;
    }

    /// <summary>Eight octets big-endian.</summary>
    public ulong ReadUInt64(string field)
    {
        var high = ReadUInt32(field);
        var low = ReadUInt32(field);
        return ((ulong)high << 32) | low;
    }

    /// <summary><paramref name="count"/> octets, copied.</summary>
    public byte[] ReadBytes(int count, string field)
    {
        if (count < 0)
        {
            throw Fail(field, "negative length");
        }

        Need(count, field);
        var copy = new byte[count];
        Array.Copy(_data, _position, copy, 0, count);
        _position += count;
        return copy;
    }

    /// <summary>X.696 §8.6: a length determinant in canonical form (short form below 128, minimal long form).</summary>
    public int ReadLength(string field)
    {
        var first = ReadByte(field);
        if ((first & 0x80) == 0)
        {
            return first;
        }

        var n = first & 0x7F;
        if (n == 0 || n > 3)
        {
            throw Fail(field, "length of " + n + " octets is not supported");
        }

        var value = 0;
        for (var i = 0; i < n; i++)
        {
            value = (value << 8) | ReadByte(field);
        }

        if (value < 0x80 || (n > 1 && (value >> (8 * (n - 1))) == 0))
        {
            throw Fail(field, "non-canonical length determinant");
        }

        return value;
    }

    /// <summary>X.696 §10.6: a semi-constrained unsigned integer of at most eight octets.</summary>
    public ulong ReadSemiConstrainedUnsigned(string field)
    {
        var n = ReadLength(field);
        if (n < 1 || n > 8)
        {
            throw Fail(field, "integer of " + n + " octets");
        }

        ulong value = 0;
        for (var i = 0; i < n; i++)
        {
            value = (value << 8) | ReadByte(field);
        }

        if (n > 1 && (value >> (8 * (n - 1))) == 0)
        {
            throw Fail(field, "non-minimal integer encoding");
        }

        return value;
    }

    /// <summary>A text of the project's documents: a two-octet length and ASCII (a byte of 0x80 or more is refused).</summary>
    public string ReadText(string field, int maxBytes)
    {
        var count = ReadUInt16(field);
        if (count > maxBytes)
        {
            throw Fail(field, "text of " + count + " bytes exceeds " + maxBytes);
        }

        Need(count, field);
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            var b = _data[_position + i];
            if (b < 0x20 || b >= 0x7F)
            {
                throw Fail(field, "not printable ASCII");
            }

            chars[i] = (char)b;
        }

        _position += count;
        return new string(chars);
    }

    /// <summary>Fails unless every octet was read.</summary>
    public void ExpectEnd()
    {
        if (_position != _end)
        {
            throw Fail("end", (_end - _position) + " trailing octets");
        }
    }

    /// <summary>The typed error for <paramref name="field"/>.</summary>
    public MalformedDataException Fail(string field, string message) =>
        new MalformedDataException(_what + "." + field, message + " (at octet " + _position + ")");

    private void Need(int count, string field)
    {
        if (count > _end - _position)
        {
            throw Fail(field, "ends after " + (_end - _position) + " of " + count + " octets");
        }
    }
}
