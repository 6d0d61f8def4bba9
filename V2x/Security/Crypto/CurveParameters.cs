using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace V2x.Security.Crypto;

/// <summary>
/// The curves of IEEE 1609.2 §5.3.1 as BouncyCastle domain parameters: NIST P-256 (FIPS 186-4),
/// brainpoolP256r1 (RFC 5639) and the SM2 curve sm2p256v1 (GB/T 32918.5-2017).
/// </summary>
public static class CurveParameters
{
    public static readonly ECDomainParameters NistP256 = From(CustomNamedCurves.GetByName("secp256r1"));

    public static readonly ECDomainParameters BrainpoolP256r1 = From(ECNamedCurveTable.GetByName("brainpoolP256r1"));

    public static readonly ECDomainParameters Sm2P256v1 = From(CustomNamedCurves.GetByName("sm2p256v1"));

    /// <summary>The domain parameters of a signature algorithm.</summary>
    public static ECDomainParameters For(SignatureAlgorithm algorithm) => algorithm switch
    {
        SignatureAlgorithm.EcdsaNistP256 => NistP256,
        SignatureAlgorithm.EcdsaBrainpoolP256r1 => BrainpoolP256r1,
        SignatureAlgorithm.Sm2 => Sm2P256v1,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>
    /// Decompresses (or validates) a curve point (SEC 1 §2.3.4): the result is on the curve, in
    /// affine form. Throws <see cref="ArgumentException"/> for a point that is not on the curve.
    /// </summary>
    public static ECPoint DecodePoint(SignatureAlgorithm algorithm, EccP256CurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var domain = For(algorithm);
        var decoded = domain.Curve.DecodePoint(point.ToSec1()).Normalize();
        if (decoded.IsInfinity || !decoded.IsValid())
        {
            throw new ArgumentException("point is not on the curve", nameof(point));
        }

        return decoded;
    }

    /// <summary>Writes a field element or scalar as 32 octets big-endian.</summary>
    public static void ToFixed32(BigInteger value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = value.ToByteArrayUnsigned();
        if (bytes.Length > 32 || destination.Length != 32)
        {
            throw new ArgumentException("value does not fit 32 octets", nameof(value));
        }

        destination.Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }

    private static ECDomainParameters From(X9ECParameters x9) => new(x9.Curve, x9.G, x9.N, x9.H, x9.GetSeed());
}
