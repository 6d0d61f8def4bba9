using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>
/// IEEE 1609.2 EccP256CurvePoint (IEEE 1609.2-2022 §6.3 base types, EccP256CurvePoint): a point of a 256-bit curve as x-only,
/// compressed (y parity in the choice), or uncompressed. Coordinates are 32-octet big-endian.
/// </summary>
public sealed class EccP256CurvePoint
{
    private EccP256CurvePoint(EccPointForm form, ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y)
    {
        Form = form;
        X = x;
        Y = y;
    }

    public EccPointForm Form { get; }

    /// <summary>The x coordinate (32 octets); empty for <see cref="EccPointForm.Fill"/>.</summary>
    public ReadOnlyMemory<byte> X { get; }

    /// <summary>The y coordinate (32 octets) for <see cref="EccPointForm.Uncompressed"/>, else empty.</summary>
    public ReadOnlyMemory<byte> Y { get; }

    public static EccP256CurvePoint XOnly(ReadOnlySpan<byte> x) => new(EccPointForm.XOnly, Check(x, nameof(x)), default);

    public static EccP256CurvePoint Compressed(ReadOnlySpan<byte> x, bool yIsOdd) =>
        new(yIsOdd ? EccPointForm.CompressedY1 : EccPointForm.CompressedY0, Check(x, nameof(x)), default);

    public static EccP256CurvePoint Uncompressed(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) =>
        new(EccPointForm.Uncompressed, Check(x, nameof(x)), Check(y, nameof(y)));

    /// <summary>The compressed form of this point (a no-op unless uncompressed); 1609.2 canonical form of keys.</summary>
    public EccP256CurvePoint ToCompressed() =>
        Form == EccPointForm.Uncompressed ? Compressed(X.Span, (Y.Span[31] & 1) != 0) : this;

    /// <summary>SEC 1 §2.3.3 octet string of a compressed or uncompressed point (0x02/0x03/0x04 prefix).</summary>
    public byte[] ToSec1()
    {
        switch (Form)
        {
            case EccPointForm.CompressedY0:
            case EccPointForm.CompressedY1:
                var c = new byte[33];
                c[0] = Form == EccPointForm.CompressedY0 ? (byte)0x02 : (byte)0x03;
                X.Span.CopyTo(c.AsSpan(1));
                return c;
            case EccPointForm.Uncompressed:
                var u = new byte[65];
                u[0] = 0x04;
                X.Span.CopyTo(u.AsSpan(1));
                Y.Span.CopyTo(u.AsSpan(33));
                return u;
            default:
                throw new InvalidOperationException($"a {Form} point does not identify a public key");
        }
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Form);
        switch (Form)
        {
            case EccPointForm.Fill:
                break;
            case EccPointForm.Uncompressed:
                writer.WriteFixedOctets(X.Span, 32);
                writer.WriteFixedOctets(Y.Span, 32);
                break;
            default:
                writer.WriteFixedOctets(X.Span, 32);
                break;
        }
    }

    public static EccP256CurvePoint Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(5, 0, out _);
        var form = (EccPointForm)index;
        return form switch
        {
            EccPointForm.Fill => new EccP256CurvePoint(form, default, default),
            EccPointForm.Uncompressed => new EccP256CurvePoint(form, reader.ReadFixedOctets(32), reader.ReadFixedOctets(32)),
            _ => new EccP256CurvePoint(form, reader.ReadFixedOctets(32), default),
        };
    }

    private static ReadOnlyMemory<byte> Check(ReadOnlySpan<byte> coordinate, string name)
    {
        if (coordinate.Length != 32)
        {
            throw new ArgumentException("a P-256 coordinate is 32 octets", name);
        }

        return coordinate.ToArray();
    }
}
