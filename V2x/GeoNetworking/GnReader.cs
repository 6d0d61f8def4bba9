using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>Reads big-endian fields of a GeoNetworking packet, raising <see cref="DecodeException"/> with the field path.</summary>
internal sealed class GnReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _root;
    private readonly long _baseOffset;

    public GnReader(ReadOnlyMemory<byte> data, string root, long baseOffset)
    {
        _data = data;
        _root = root;
        _baseOffset = baseOffset;
    }

    public int Position { get; private set; }

    public int Remaining => _data.Length - Position;

    public DecodeException Error(string field, string reason) => ErrorAt(field, Position, reason);

    public DecodeException ErrorAt(string field, int position, string reason) =>
        new($"{_root}.{field}", _baseOffset + position, reason);

    public byte ReadByte(string field) => Take(1, field)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    public ReadOnlyMemory<byte> ReadRest() => _data[Position..];

    public void ExpectZero(uint value, int width, string field)
    {
        if (value != 0)
        {
            throw ErrorAt(field, Position - width, "reserved field not zero");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (Remaining < count)
        {
            throw Error(field, $"truncated: {count} octet(s) needed, {Remaining} left");
        }

        var span = _data.Span.Slice(Position, count);
        Position += count;
        return span;
    }
}
