using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>
/// IEEE 1609.2 PublicVerificationKey (1609.2-2022 §6.3 base types): ecdsaNistP256,
/// ecdsaBrainpoolP256r1 and the 2022 extension ecsigSm2, each an EccP256CurvePoint that is not x-only.
/// </summary>
public sealed class PublicVerificationKey
{
    public PublicVerificationKey(SignatureAlgorithm algorithm, EccP256CurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        if (point.Form is EccPointForm.XOnly or EccPointForm.Fill)
        {
            throw new ArgumentException("a verification key is compressed or uncompressed", nameof(point));
        }

        Algorithm = algorithm;
        Point = point;
    }

    public SignatureAlgorithm Algorithm { get; }

    public EccP256CurvePoint Point { get; }

    /// <summary>1609.2 canonical form: the point compressed.</summary>
    public PublicVerificationKey ToCanonical() =>
        Point.Form == EccPointForm.Uncompressed ? new PublicVerificationKey(Algorithm, Point.ToCompressed()) : this;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Algorithm == SignatureAlgorithm.Sm2)
        {
            writer.WriteChoiceIndex(4);
            var mark = writer.BeginOpenType();
            Point.Encode(writer);
            writer.EndOpenType(mark);
            return;
        }

        writer.WriteChoiceIndex((int)Algorithm);
        Point.Encode(writer);
    }

    public static PublicVerificationKey Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var index = reader.ReadChoiceIndex(2, 3, out var isExtension);
        if (index is 2 or 3)
        {
            throw reader.FailAt(start, "unsupported verification key algorithm (384-bit curve)");
        }

        EccP256CurvePoint point;
        if (isExtension)
        {
            var token = reader.BeginOpenType();
            point = EccP256CurvePoint.Decode(reader);
            reader.EndOpenType(token);
        }
        else
        {
            point = EccP256CurvePoint.Decode(reader);
        }

        if (point.Form is EccPointForm.XOnly or EccPointForm.Fill)
        {
            throw reader.FailAt(start, $"verification key of form {point.Form}");
        }

        return new PublicVerificationKey(index == 4 ? SignatureAlgorithm.Sm2 : (SignatureAlgorithm)index, point);
    }
}
