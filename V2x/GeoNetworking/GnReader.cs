using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// Reads big-endian fields of a GeoNetworking packet, raising <see cref="DecodeException"/> with the field path. A
/// structure's fields are read inside its <see cref="Enter"/> scope, so the path ("gbc.sourcePositionVector.latitude")
/// is joined only for an error, never for a field read well (no string per field on the receive path).
/// </summary>
internal sealed class GnReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _root;
    private readonly long _baseOffset;

    // The open scopes, outermost first (a packet nests at most three: header, position vector, address).
    private string? _scope0;
    private string? _scope1;
    private string? _scope2;
    private int _depth;

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
        new(_depth switch
        {
            0 => $"{_root}.{field}",
            1 => $"{_root}.{_scope0}.{field}",
            2 => $"{_root}.{_scope0}.{_scope1}.{field}",
            _ => $"{_root}.{_scope0}.{_scope1}.{_scope2}.{field}",
        }, _baseOffset + position, reason);

    /// <summary>Opens the scope of a structure's fields (their error paths start with <paramref name="name"/>) until the returned scope is disposed.</summary>
    public Scope Enter(string name)
    {
        switch (_depth)
        {
            case 0:
                _scope0 = name;
                break;
            case 1:
                _scope1 = name;
                break;
            case 2:
                _scope2 = name;
                break;
            default:
                throw new InvalidOperationException("GeoNetworking fields nest three deep at most");
        }

        _depth++;
        return new Scope(this);
    }

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

    /// <summary>An open <see cref="Enter"/> scope; disposing it closes the scope.</summary>
    internal readonly ref struct Scope(GnReader reader)
    {
        public void Dispose() => reader._depth--;
    }
}
