using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace V2x.Security.Crypto;

/// <summary>
/// An in-memory brainpoolP256r1 ECDSA key (RFC 5639 curve; deterministic nonces of RFC 6979) or SM2
/// key (GB/T 32918.2) through BouncyCastle, for the algorithms .NET does not offer everywhere.
/// </summary>
public sealed class BouncyCastleSignatureKey : ISignatureKey
{
    private readonly BigInteger _d;
    private readonly SecureRandom _random;

    private BouncyCastleSignatureKey(SignatureAlgorithm algorithm, BigInteger d, SecureRandom random)
    {
        var domain = CurveParameters.For(algorithm);
        if (d.SignValue <= 0 || d.CompareTo(domain.N) >= 0)
        {
            throw new ArgumentException("private key outside 1..n-1", nameof(d));
        }

        Algorithm = algorithm;
        _d = d;
        _random = random;
        var q = new FixedPointCombMultiplier().Multiply(domain.G, d).Normalize();
        Span<byte> x = stackalloc byte[32];
        CurveParameters.ToFixed32(q.AffineXCoord.ToBigInteger(), x);
        PublicKey = new PublicVerificationKey(algorithm, EccP256CurvePoint.Compressed(x, q.AffineYCoord.TestBitZero()));
    }

    public SignatureAlgorithm Algorithm { get; }

    public PublicVerificationKey PublicKey { get; }

    /// <summary>A new random key of a BouncyCastle algorithm (brainpoolP256r1 or SM2).</summary>
    public static BouncyCastleSignatureKey Generate(SignatureAlgorithm algorithm, SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        RequireBouncyCastleAlgorithm(algorithm);
        var n = CurveParameters.For(algorithm).N;
        BigInteger d;
        do
        {
            d = new BigInteger(n.BitLength, random);
        }
        while (d.SignValue == 0 || d.CompareTo(n) >= 0);
        return new BouncyCastleSignatureKey(algorithm, d, random);
    }

    /// <summary>A key from its 32-octet private scalar.</summary>
    public static BouncyCastleSignatureKey FromPrivateKey(SignatureAlgorithm algorithm, ReadOnlySpan<byte> d, SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        RequireBouncyCastleAlgorithm(algorithm);
        if (d.Length != 32)
        {
            throw new ArgumentException("a private key is 32 octets", nameof(d));
        }

        return new BouncyCastleSignatureKey(algorithm, new BigInteger(1, d.ToArray()), random);
    }

    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s)
    {
        if (digest.Length != 32 || r.Length != 32 || s.Length != 32)
        {
            throw new ArgumentException("digest, r and s are 32 octets each");
        }

        if (Algorithm == SignatureAlgorithm.Sm2)
        {
            Sm2.SignE(_d, digest, _random, r, s);
            return;
        }

        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, CurveParameters.BrainpoolP256r1));
        var rs = signer.GenerateSignature(digest.ToArray());
        CurveParameters.ToFixed32(rs[0], r);
        CurveParameters.ToFixed32(rs[1], s);
    }

    private static void RequireBouncyCastleAlgorithm(SignatureAlgorithm algorithm)
    {
        if (algorithm is not (SignatureAlgorithm.EcdsaBrainpoolP256r1 or SignatureAlgorithm.Sm2))
        {
            throw new ArgumentException("use EcdsaP256SignatureKey for NIST P-256", nameof(algorithm));
        }
    }
}
