using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Hardware.Positioning.Sumo;

/// <summary>
/// Reads TraCI values (big-endian, TraCI/Protocol "Data types") from one received message, checking every length
/// against what is left: anything short, negative, unknown or of the wrong type is a <see cref="TraciException"/>.
/// </summary>
internal sealed class TraciReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    public TraciReader(byte[] buffer)
        : this(buffer, 0, buffer.Length)
    {
    }

    private TraciReader(byte[] buffer, int start, int end)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
    }

    /// <summary>Bytes left.</summary>
    public int Remaining => _end - _position;

    public byte ReadUByte()
    {
        Need(1, "an unsigned byte");
        return _buffer[_position++];
    }

    public int ReadInt()
    {
        Need(4, "an integer");
        var v = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_position, 4));
        _position += 4;
        return v;
    }

    public double ReadDouble()
    {
        Need(8, "a double");
        var v = BinaryPrimitives.ReadDoubleBigEndian(_buffer.AsSpan(_position, 8));
        _position += 8;
        return v;
    }

    public string ReadString()
    {
        var length = ReadInt();
        if (length < 0 || length > Remaining)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"A string of {length} bytes does not fit in the {Remaining} bytes left of the message."));
        }

        try
        {
            var s = StrictUtf8.GetString(_buffer, _position, length);
            _position += length;
            return s;
        }
        catch (DecoderFallbackException e)
        {
            throw new TraciException("A string is not valid UTF-8.", e);
        }
    }

    public IReadOnlyList<string> ReadStringList()
    {
        var count = ReadInt();

        // Every string takes at least its 4-byte length.
        if (count < 0 || count > Remaining / 4)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"A list of {count} strings does not fit in the {Remaining} bytes left of the message."));
        }

        var list = new string[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = ReadString();
        }

        return list;
    }

    /// <summary>Reads a type code and checks it is <paramref name="expected"/>.</summary>
    public void ExpectType(byte expected, string what)
    {
        var type = ReadUByte();
        if (type != expected)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"{what}: expected TraCI type 0x{expected:X2}, got 0x{type:X2}."));
        }
    }

    /// <summary>A typed double (type code <see cref="TraciType.Double"/> then the value).</summary>
    public double ReadTypedDouble(string what)
    {
        ExpectType(TraciType.Double, what);
        return ReadDouble();
    }

    /// <summary>A typed integer.</summary>
    public int ReadTypedInt(string what)
    {
        ExpectType(TraciType.Integer, what);
        return ReadInt();
    }

    /// <summary>A typed string list.</summary>
    public IReadOnlyList<string> ReadTypedStringList(string what)
    {
        ExpectType(TraciType.StringList, what);
        return ReadStringList();
    }

    /// <summary>A typed network position: 2D, or 3D whose height is dropped.</summary>
    public (double X, double Y) ReadTypedPosition(string what)
    {
        var type = ReadUByte();
        switch (type)
        {
            case TraciType.Position2D:
                return (ReadDouble(), ReadDouble());
            case TraciType.Position3D:
                var p = (ReadDouble(), ReadDouble());
                ReadDouble();
                return p;
            default:
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"{what}: expected a 2D or 3D position (type 0x01 or 0x03), got type 0x{type:X2}."));
        }
    }

    /// <summary>
    /// Reads one command's length header (an unsigned byte, or 0 then a 32-bit length, both counting the header
    /// itself, TraCI/Protocol "Messages") and returns a reader over the rest of the command, skipping it here.
    /// </summary>
    public TraciReader ReadCommand()
    {
        var start = _position;
        int length = ReadUByte();
        if (length == 0)
        {
            length = ReadInt();
            if (length < 6)
            {
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"An extended command length of {length} is shorter than its own header."));
            }
        }
        else if (length < 2)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"A command length of {length} leaves no room for its identifier."));
        }

        var end = (long)start + length;
        if (end > _end)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"A command of {length} bytes runs past the end of the message ({_end - start} bytes left)."));
        }

        var inner = new TraciReader(_buffer, _position, (int)end);
        _position = (int)end;
        return inner;
    }

    private void Need(int count, string what)
    {
        if (Remaining < count)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"The message ends where {what} was expected ({Remaining} bytes left)."));
        }
    }
}
