using System.Buffers.Binary;

namespace Bench.Tests.Interop;

/// <summary>
/// The legacy receiver model's own canonical-OER reader (ITU-T X.696), written apart from the product's
/// <c>V2x/Oer</c> so that the model does not inherit the product's decoder. It reads what an asn1c-generated
/// OER decoder of IEEE 1609.2-2016 reads, including the defect observed in deployed stacks: an extension
/// addition of a type it does not know is "skipped" by consuming its length determinant only
/// (<see cref="SkipUnknownAdditionLikeAsn1c"/>), so what follows is read from inside the addition.
/// </summary>
internal sealed class LegacyOer(ReadOnlyMemory<byte> data)
{
    private readonly ReadOnlyMemory<byte> _data = data;

    public int Position { get; private set; }

    public int Remaining => _data.Length - Position;

    public ReadOnlyMemory<byte> Data => _data;

    public byte Byte() => Need(1).Span[0];

    public ReadOnlyMemory<byte> Octets(int count) => Need(count);

    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Need(2).Span);

    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Need(4).Span);

    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Need(4).Span);

    public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Need(8).Span);

    /// <summary>X.696 §8.6: a length determinant, short form (one octet below 128) or long form.</summary>
    public int Length()
    {
        var first = Byte();
        if (first < 0x80)
        {
            return first;
        }

        var count = first & 0x7F;
        if (count is 0 or > 3)
        {
            throw new LegacyDecodeException($"length of {count} octets at {Position - 1}");
        }

        var length = 0;
        foreach (var b in Need(count).Span)
        {
            length = (length << 8) | b;
        }

        return length;
    }

    /// <summary>X.696 §10.6/§10.8: an integer with a length prefix (semi-constrained or unconstrained), as unsigned.</summary>
    public ulong LengthPrefixedUnsigned()
    {
        var n = Length();
        if (n is 0 or > 8)
        {
            throw new LegacyDecodeException($"integer of {n} octets");
        }

        ulong value = 0;
        foreach (var b in Need(n).Span)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>X.696 §17: the quantity field of a SEQUENCE OF (a length-prefixed unsigned count).</summary>
    public int Quantity() => checked((int)LengthPrefixedUnsigned());

    /// <summary>X.696 §20: a CHOICE tag of the context class (one octet, tags below 63), its number.</summary>
    public int ChoiceTag()
    {
        var tag = Byte();
        if ((tag & 0xC0) != 0x80 || (tag & 0x3F) == 0x3F)
        {
            throw new LegacyDecodeException($"choice tag 0x{tag:x2} at {Position - 1}");
        }

        return tag & 0x3F;
    }

    /// <summary>X.696 §16.2: a preamble of <paramref name="bits"/> bits (extension bit first), as the bits read MSB first.</summary>
    public bool[] Preamble(int bits)
    {
        var octets = Need((bits + 7) / 8).Span;
        var result = new bool[bits];
        for (var i = 0; i < bits; i++)
        {
            result[i] = (octets[i / 8] & (0x80 >> (i % 8))) != 0;
        }

        return result;
    }

    /// <summary>X.696 §16.4: the extension-addition presence bitmap (a length-prefixed bit string with its unused-bits octet).</summary>
    public bool[] AdditionBitmap()
    {
        var length = Length();
        if (length < 1)
        {
            throw new LegacyDecodeException("empty extension bitmap");
        }

        var unused = Byte();
        var octets = Need(length - 1).Span;
        var bits = new bool[((length - 1) * 8) - unused];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = (octets[i / 8] & (0x80 >> (i % 8))) != 0;
        }

        return bits;
    }

    /// <summary>X.696 §24: an open type: a length determinant and the encoding it holds.</summary>
    public ReadOnlyMemory<byte> OpenType() => Need(Length());

    /// <summary>
    /// What the observed asn1c runtime does with an extension addition it does not know: it reads the open type's
    /// length determinant and goes on decoding from there, as if the addition were the length alone (Docs/interop.md).
    /// </summary>
    public void SkipUnknownAdditionLikeAsn1c() => Length();

    private ReadOnlyMemory<byte> Need(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new LegacyDecodeException($"truncated at {Position}: {count} octets needed, {Remaining} left");
        }

        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }
}

/// <summary>The legacy receiver model could not decode a message (what vanetza's router reports as Parse_Secured_Header).</summary>
internal sealed class LegacyDecodeException(string message) : Exception(message);
