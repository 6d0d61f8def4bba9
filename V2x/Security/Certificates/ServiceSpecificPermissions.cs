using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>
/// IEEE 1609.2 ServiceSpecificPermissions ::= CHOICE { opaque OCTET STRING (SIZE(0..MAX)), ...,
/// bitmapSsp BitmapSsp } (1609.2-2016 §6.4); BitmapSsp ::= OCTET STRING (SIZE(0..31)) is an
/// extension alternative, so its value travels as an open type.
/// </summary>
public sealed record ServiceSpecificPermissions
{
    private ServiceSpecificPermissions(bool isBitmap, ReadOnlyMemory<byte> value)
    {
        IsBitmap = isBitmap;
        Value = value;
    }

    /// <summary>True for bitmapSsp, false for opaque.</summary>
    public bool IsBitmap { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public static ServiceSpecificPermissions Opaque(ReadOnlySpan<byte> value) => new(false, value.ToArray());

    public static ServiceSpecificPermissions Bitmap(ReadOnlySpan<byte> value)
    {
        if (value.Length > 31)
        {
            throw new ArgumentException("a BitmapSsp is at most 31 octets", nameof(value));
        }

        return new ServiceSpecificPermissions(true, value.ToArray());
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsBitmap)
        {
            writer.WriteChoiceIndex(0);
            writer.WriteOctetString(Value.Span);
            return;
        }

        writer.WriteChoiceIndex(1);
        var mark = writer.BeginOpenType();
        writer.WriteOctetString(Value.Span, 0, 31);
        writer.EndOpenType(mark);
    }

    public static ServiceSpecificPermissions Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(1, 1, out _);
        if (index == 0)
        {
            return new ServiceSpecificPermissions(false, reader.ReadOctetString());
        }

        var token = reader.BeginOpenType();
        var value = reader.ReadOctetString(0, 31);
        reader.EndOpenType(token);
        return new ServiceSpecificPermissions(true, value);
    }
}
