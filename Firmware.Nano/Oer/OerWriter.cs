using System;

namespace Firmware.Nano.Oer;

/// <summary>
/// The canonical OER (ITU-T X.696) writer the MCU needs for the integrity report and the IEEE 1609.2
/// signed message: fixed-size integers, length determinants, quantities, small enumerations and choice
/// tags, sequence preambles, extension bitmaps and open types. Byte-identical to <c>V2x/Oer/OerWriter</c>
/// for everything it writes (Firmware.Nano.Tests cross-checks them). A growable array; not thread-safe.
/// </summary>
public sealed class OerWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>A writer with <paramref name="capacity"/> octets reserved (it grows as needed).</summary>
    public OerWriter(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _buffer = new byte[capacity];
    }

    /// <summary>Octets written so far.</summary>
    public int Length => _length;

    /// <summary>The buffer the octets are written into (valid up to <see cref="Length"/>; replaced when it grows).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    /// <summary>A copy of the octets written.</summary>
    public byte[] ToArray() => Slice(0, _length);

    /// <summary>A copy of the octets written from <paramref name="start"/> on.</summary>
    public byte[] Since(int start) => Slice(start, _length - start);

    /// <summary>Appends octets as they are.</summary>
    public void WriteRaw(byte[] bytes, int offset, int count)
    {
        if (bytes == null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        var at = Grow(count);
        Array.Copy(bytes, offset, _buffer, at, count);
    }

    /// <summary>Appends all of <paramref name="bytes"/>.</summary>
    public void WriteRaw(byte[] bytes)
    {
        if (bytes == null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        WriteRaw(bytes, 0, bytes.Length);
    }

    /// <summary>One octet (an Uint8 or a fixed one-octet field).</summary>
    public void WriteByte(byte value)
    {
        var at = Grow(1);
        _buffer[at] = value;
    }

    /// <summary>X.696 §10.3: an integer with a 16-bit unsigned range, two octets big-endian.</summary>
    public void WriteUInt16(int value) => WriteBigEndian((ulong)value, 2);

    /// <summary>X.696 §10.3: an integer with a 32-bit unsigned range, four octets big-endian.</summary>
    public void WriteUInt32(uint value) => WriteBigEndian(value, 4);

    /// <summary>X.696 §10.3: an integer with a 64-bit unsigned range, eight octets big-endian.</summary>
    public void WriteUInt64(ulong value) => WriteBigEndian(value, 8);

    /// <summary>X.696 §10.4: an integer with a 32-bit signed range, four octets of two's complement.</summary>
    public void WriteInt32(int value) => WriteBigEndian(unchecked((ulong)(uint)value), 4);

    /// <summary>X.696 §8.6: a length determinant, short form below 128, else 0x80 | n and n octets.</summary>
    public void WriteLength(int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        if (length < 0x80)
        {
            WriteByte((byte)length);
            return;
        }

        var n = MinimalOctets((ulong)length);
        WriteByte((byte)(0x80 | n));
        WriteBigEndian((ulong)length, n);
    }

    /// <summary>X.696 §10.6: a semi-constrained unsigned integer (a Psid): a length, then the minimal octets.</summary>
    public void WriteSemiConstrainedUnsigned(ulong value)
    {
        var n = MinimalOctets(value);
        WriteLength(n);
        WriteBigEndian(value, n);
    }

    /// <summary>X.696 §20.6: the quantity field in front of a SEQUENCE OF.</summary>
    public void WriteQuantity(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        WriteSemiConstrainedUnsigned((ulong)count);
    }

    /// <summary>X.696 §11: an enumerated value 0..127 in one octet.</summary>
    public void WriteEnumerated(int value)
    {
        if (value < 0 || value > 0x7F)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "only the one-octet form (0..127) is written here");
        }

        WriteByte((byte)value);
    }

    /// <summary>X.696 §20.1 and §8.7: a CHOICE index as a context-specific tag number below 63 in one octet.</summary>
    public void WriteChoiceIndex(int index)
    {
        if (index < 0 || index >= 63)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "only one-octet tags (0..62) are written here");
        }

        WriteByte((byte)(0x80 | index));
    }

    /// <summary>
    /// X.696 §16.2-16.3: the SEQUENCE preamble: the extension bit when <paramref name="extensible"/>, then one
    /// presence bit per optional component (<paramref name="presenceBits"/>, first component in the highest of
    /// <paramref name="count"/> bits), padded with zero bits to whole octets.
    /// </summary>
    public void WritePreamble(bool extensible, bool extensionPresent, uint presenceBits, int count)
    {
        var total = count + (extensible ? 1 : 0);
        if (total == 0)
        {
            return;
        }

        if (total > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        ulong bits = extensible && extensionPresent ? 1UL : 0UL;
        for (var i = 0; i < count; i++)
        {
            bits = (bits << 1) | ((presenceBits >> (count - 1 - i)) & 1);
        }

        var octets = (total + 7) / 8;
        bits <<= (octets * 8) - total;
        WriteBigEndian(bits, octets);
    }

    /// <summary>
    /// X.696 §16.4: the extension-addition presence bitmap: a length determinant, the unused-bits count and the
    /// bitmap (addition i in bit i of <paramref name="presenceBits"/>, first addition in the leading bit).
    /// </summary>
    public void WriteExtensionBitmap(uint presenceBits, int additionCount)
    {
        if (additionCount < 1 || additionCount > 32)
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
        var at = Grow(octets);
        for (var i = 0; i < octets; i++)
        {
            _buffer[at + i] = 0;
        }

        for (var i = 0; i < additionCount; i++)
        {
            if (((presenceBits >> i) & 1) != 0)
            {
                _buffer[at + (i / 8)] |= (byte)(0x80 >> (i % 8));
            }
        }
    }

    /// <summary>X.696 §30: an open type whose encoding is at hand: its length, then the octets.</summary>
    public void WriteOpenType(byte[] encodedValue)
    {
        if (encodedValue == null)
        {
            throw new ArgumentNullException(nameof(encodedValue));
        }

        WriteLength(encodedValue.Length);
        WriteRaw(encodedValue, 0, encodedValue.Length);
    }

    /// <summary>Starts an open type written in place; returns the mark for <see cref="EndOpenType"/>.</summary>
    public int BeginOpenType() => _length;

    /// <summary>Ends an open type begun at <paramref name="mark"/>: inserts the length determinant of what was written since.</summary>
    public void EndOpenType(int mark)
    {
        if (mark < 0 || mark > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(mark));
        }

        var contentLength = _length - mark;
        var prefix = contentLength < 0x80 ? 1 : 1 + MinimalOctets((ulong)contentLength);
        Grow(prefix);
        Array.Copy(_buffer, mark, _buffer, mark + prefix, contentLength);
        if (prefix == 1)
        {
            _buffer[mark] = (byte)contentLength;
            return;
        }

        _buffer[mark] = (byte)(0x80 | (prefix - 1));
        var value = (ulong)contentLength;
        for (var i = prefix - 1; i >= 1; i--)
        {
            _buffer[mark + i] = (byte)value;
            value >>= 8;
        }
    }

    private void WriteBigEndian(ulong value, int octets)
    {
        var at = Grow(octets);
        for (var i = octets - 1; i >= 0; i--)
        {
            _buffer[at + i] = (byte)value;
            value >>= 8;
        }
    }

    private static int MinimalOctets(ulong value)
    {
        var n = 1;
        while (n < 8 && (value >> (8 * n)) != 0)
        {
            n++;
        }

        return n;
    }

    // Reserves count octets at the end; returns where they start.
    private int Grow(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        var needed = _length + count;
        if (needed > _buffer.Length)
        {
            var size = _buffer.Length * 2 > needed ? _buffer.Length * 2 : needed;
            var larger = new byte[size];
            Array.Copy(_buffer, 0, larger, 0, _length);
            _buffer = larger;
        }

        var at = _length;
        _length = needed;
        return at;
    }

    private byte[] Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        var copy = new byte[count];
        Array.Copy(_buffer, start, copy, 0, count);
        return copy;
    }
}
