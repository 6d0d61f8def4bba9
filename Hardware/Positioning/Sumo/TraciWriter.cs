using System.Buffers.Binary;
using System.Text;

namespace Hardware.Positioning.Sumo;

/// <summary>
/// Builds one TraCI request message: a 32-bit total length, then commands, each with its length header (one byte, or
/// 0 and a 32-bit length when longer than 255 bytes; TraCI/Protocol "Messages"), all big-endian.
/// </summary>
internal sealed class TraciWriter
{
    private readonly List<byte[]> _commands = [];
    private readonly List<byte> _current = [];

    /// <summary>Commands added so far, in order.</summary>
    public IReadOnlyList<byte> CommandIds => [.. _commands.Select(c => c[0] == 0 ? c[5] : c[1])];

    /// <summary>Adds a command whose content is written by <paramref name="content"/>.</summary>
    public TraciWriter Command(byte id, Action<TraciWriter>? content = null)
    {
        _current.Clear();
        content?.Invoke(this);
        var body = _current.ToArray();
        _current.Clear();
        var shortLength = 2 + body.Length;
        byte[] command;
        if (shortLength <= 255)
        {
            command = new byte[shortLength];
            command[0] = (byte)shortLength;
            command[1] = id;
            body.CopyTo(command, 2);
        }
        else
        {
            command = new byte[6 + body.Length];
            BinaryPrimitives.WriteInt32BigEndian(command.AsSpan(1), command.Length);
            command[5] = id;
            body.CopyTo(command, 6);
        }

        _commands.Add(command);
        return this;
    }

    public TraciWriter UByte(byte value)
    {
        _current.Add(value);
        return this;
    }

    public TraciWriter Int(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        _current.AddRange(b);
        return this;
    }

    public TraciWriter Double(double value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, value);
        _current.AddRange(b);
        return this;
    }

    public TraciWriter String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Int(bytes.Length);
        _current.AddRange(bytes);
        return this;
    }

    /// <summary>The whole message.</summary>
    public byte[] ToMessage()
    {
        var total = 4 + _commands.Sum(c => c.Length);
        var message = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(message, total);
        var at = 4;
        foreach (var c in _commands)
        {
            c.CopyTo(message, at);
            at += c.Length;
        }

        return message;
    }
}
