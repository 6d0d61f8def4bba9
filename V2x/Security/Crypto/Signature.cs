using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>
/// IEEE 1609.2 Signature (1609.2-2022 §6.3 base types): ecdsaNistP256Signature and
/// ecdsaBrainpoolP256r1Signature (EcdsaP256Signature: rSig EccP256CurvePoint, sSig 32 octets) and
/// the 2022 extension alternative sm2Signature (EcsigP256Signature: r and s as 32 octets each).
/// </summary>
public sealed class Signature
{
    private const int RootAlternatives = 2;
    private const int ExtensionAlternatives = 3;

    public Signature(SignatureAlgorithm algorithm, EccP256CurvePoint r, ReadOnlyMemory<byte> s)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (s.Length != 32)
        {
            throw new ArgumentException("sSig is 32 octets", nameof(s));
        }

        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        if (algorithm == SignatureAlgorithm.Sm2 && r.Form != EccPointForm.XOnly)
        {
            throw new ArgumentException("an SM2 signature carries r as an integer (x-only)", nameof(r));
        }

        Algorithm = algorithm;
        R = r;
        S = s;
    }

    public SignatureAlgorithm Algorithm { get; }

    /// <summary>rSig: the integer r (x-only) or the point R (compressed / uncompressed) for ECDSA; r for SM2.</summary>
    public EccP256CurvePoint R { get; }

    /// <summary>sSig, 32 octets big-endian.</summary>
    public ReadOnlyMemory<byte> S { get; }

    /// <summary>Builds a signature from the integers r and s (32 octets each), r as x-only.</summary>
    public static Signature FromRs(SignatureAlgorithm algorithm, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s) =>
        new(algorithm, EccP256CurvePoint.XOnly(r), s.ToArray());

    /// <summary>The canonical form (1609.2 §6.3 EcdsaP256Signature canonicalization): rSig as x-only.</summary>
    public Signature ToCanonical() =>
        R.Form == EccPointForm.XOnly ? this : new Signature(Algorithm, EccP256CurvePoint.XOnly(R.X.Span), S);

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Algorithm)
        {
            case SignatureAlgorithm.EcdsaNistP256:
            case SignatureAlgorithm.EcdsaBrainpoolP256r1:
                writer.WriteChoiceIndex((int)Algorithm);
                R.Encode(writer);
                writer.WriteFixedOctets(S.Span, 32);
                break;
            default:
                // sm2Signature is an extension alternative: its value is an open type (X.696 §20.2).
                writer.WriteChoiceIndex(4);
                writer.WriteLength(64);
                writer.WriteFixedOctets(R.X.Span, 32);
                writer.WriteFixedOctets(S.Span, 32);
                break;
        }
    }

    public static Signature Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var index = reader.ReadChoiceIndex(RootAlternatives, ExtensionAlternatives, out _);
        switch (index)
        {
            case 0:
            case 1:
                reader.Push("rSig");
                var r = EccP256CurvePoint.Decode(reader);
                reader.Pop();
                if (r.Form == EccPointForm.Fill)
                {
                    throw reader.FailAt(start, "rSig of form fill");
                }

                return new Signature((SignatureAlgorithm)index, r, reader.ReadFixedOctets(32));
            case 4:
                var token = reader.BeginOpenType();
                var rs = reader.ReadFixedOctets(32);
                var ss = reader.ReadFixedOctets(32);
                reader.EndOpenType(token);
                return new Signature(SignatureAlgorithm.Sm2, EccP256CurvePoint.XOnly(rs.Span), ss);
            default:
                throw reader.FailAt(start, index == 2
                    ? "unsupported signature algorithm ecdsaBrainpoolP384r1Signature"
                    : "unsupported signature algorithm ecdsaNistP384Signature");
        }
    }
}
