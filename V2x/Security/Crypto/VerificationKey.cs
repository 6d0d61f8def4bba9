using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using BcECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace V2x.Security.Crypto;

/// <summary>
/// A public key imported once (decompressed through BouncyCastle, then for P-256 handed to .NET's
/// <see cref="ECDsa"/>) and reused for every verification: what <see cref="Signing.VerificationKeyCache"/> holds.
/// </summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly BcECPoint _point;

    private VerificationKey(SignatureAlgorithm algorithm, BcECPoint point, ECDsa? ecdsa, byte[]? sm2Z)
    {
        Algorithm = algorithm;
        _point = point;
        _ecdsa = ecdsa;
        Sm2Z = sm2Z;
    }

    public SignatureAlgorithm Algorithm { get; }

    /// <summary>For SM2: Z_A of this key with the default user identifier, else null.</summary>
    public byte[]? Sm2Z { get; }

    /// <summary>Imports a key. Fails with <see cref="ArgumentException"/> for a point that is not on its curve.</summary>
    public static VerificationKey Import(PublicVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var point = CurveParameters.DecodePoint(key.Algorithm, key.Point);
        switch (key.Algorithm)
        {
            case SignatureAlgorithm.EcdsaNistP256:
                var x = new byte[32];
                var y = new byte[32];
                CurveParameters.ToFixed32(point.AffineXCoord.ToBigInteger(), x);
                CurveParameters.ToFixed32(point.AffineYCoord.ToBigInteger(), y);
                var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
                return new VerificationKey(key.Algorithm, point, ecdsa, null);
            case SignatureAlgorithm.Sm2:
                return new VerificationKey(key.Algorithm, point, null, Sm2.ComputeZ(point, Sm2.DefaultUserId));
            default:
                return new VerificationKey(key.Algorithm, point, null, null);
        }
    }

    /// <summary>Verifies r and s over the 32-octet digest the algorithm signs (see <see cref="ISignatureKey"/>).</summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        if (digest.Length != 32 || r.Length != 32 || s.Length != 32)
        {
            return false;
        }

        switch (Algorithm)
        {
            case SignatureAlgorithm.EcdsaNistP256:
                Span<byte> signature = stackalloc byte[64];
                r.CopyTo(signature);
                s.CopyTo(signature[32..]);
                return _ecdsa!.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            case SignatureAlgorithm.Sm2:
                return Sm2.VerifyE(_point, digest, r, s);
            default:
                var verifier = new ECDsaSigner();
                verifier.Init(false, new ECPublicKeyParameters(_point, CurveParameters.BrainpoolP256r1));
                return verifier.VerifySignature(digest.ToArray(), new BigInteger(1, r.ToArray()), new BigInteger(1, s.ToArray()));
        }
    }

    public void Dispose() => _ecdsa?.Dispose();
}
