using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>The alternatives of SspRange (IEEE 1609.2-2016 §6.4).</summary>
public enum SspRangeKind
{
    Opaque = 0,
    All = 1,
    BitmapSspRange = 2,
}

/// <summary>
/// IEEE 1609.2 SspRange ::= CHOICE { opaque SequenceOfOctetString, all NULL, ..., bitmapSspRange
/// BitmapSspRange } (1609.2-2016 §6.4); BitmapSspRange ::= SEQUENCE { sspValue OCTET STRING
/// (SIZE(1..32)), sspBitmask OCTET STRING (SIZE(1..32)) }.
/// </summary>
public sealed record SspRange
{
    private SspRange(SspRangeKind kind)
    {
        Kind = kind;
    }

    public SspRangeKind Kind { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> OpaqueValues { get; private init; } = [];

    public ReadOnlyMemory<byte> BitmapValue { get; private init; }

    public ReadOnlyMemory<byte> BitmapMask { get; private init; }

    public static SspRange All { get; } = new(SspRangeKind.All);

    public static SspRange Opaque(IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new SspRange(SspRangeKind.Opaque) { OpaqueValues = values };
    }

    public static SspRange Bitmap(ReadOnlySpan<byte> value, ReadOnlySpan<byte> mask)
    {
        if (value.Length is < 1 or > 32 || mask.Length is < 1 or > 32)
        {
            throw new ArgumentException("sspValue and sspBitmask are 1..32 octets", nameof(value));
        }

        return new SspRange(SspRangeKind.BitmapSspRange) { BitmapValue = value.ToArray(), BitmapMask = mask.ToArray() };
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        switch (Kind)
        {
            case SspRangeKind.Opaque:
                writer.WriteQuantity(OpaqueValues.Count);
                foreach (var v in OpaqueValues)
                {
                    writer.WriteOctetString(v.Span);
                }

                break;
            case SspRangeKind.All:
                break;
            default:
                var mark = writer.BeginOpenType();
                writer.WriteOctetString(BitmapValue.Span, 1, 32);
                writer.WriteOctetString(BitmapMask.Span, 1, 32);
                writer.EndOpenType(mark);
                break;
        }
    }

    public static SspRange Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (SspRangeKind)reader.ReadChoiceIndex(2, 1, out _);
        switch (kind)
        {
            case SspRangeKind.Opaque:
                var values = new ReadOnlyMemory<byte>[reader.ReadQuantity()];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.ReadOctetString();
                }

                return Opaque(values);
            case SspRangeKind.All:
                return All;
            default:
                var token = reader.BeginOpenType();
                var value = reader.ReadOctetString(1, 32);
                var mask = reader.ReadOctetString(1, 32);
                reader.EndOpenType(token);
                return new SspRange(SspRangeKind.BitmapSspRange) { BitmapValue = value, BitmapMask = mask };
        }
    }
}
