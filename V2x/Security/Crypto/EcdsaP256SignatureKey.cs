using System.Security.Cryptography;

namespace V2x.Security.Crypto;

/// <summary>An in-memory ECDSA NIST P-256 key through .NET's <see cref="ECDsa"/> (OpenSSL): the fast path.</summary>
public sealed class EcdsaP256SignatureKey : ISignatureKey, IDisposable
{
    private readonly ECDsa _ecdsa;

    private EcdsaP256SignatureKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        var q = ecdsa.ExportParameters(false).Q;
        PublicKey = new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(q.X, (q.Y![31] & 1) != 0));
    }

    public SignatureAlgorithm Algorithm => SignatureAlgorithm.EcdsaNistP256;

    public PublicVerificationKey PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static EcdsaP256SignatureKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A key from its 32-octet private scalar.</summary>
    public static EcdsaP256SignatureKey FromPrivateKey(ReadOnlySpan<byte> d)
    {
        if (d.Length != 32)
        {
            throw new ArgumentException("a P-256 private key is 32 octets", nameof(d));
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d.ToArray() });
        return new EcdsaP256SignatureKey(ecdsa);
    }

    /// <summary>The private scalar (for persisting a bench key; a token-held key never exposes it).</summary>
    public byte[] ExportPrivateKey() => _ecdsa.ExportParameters(true).D!;

    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s)
    {
        if (digest.Length != 32 || r.Length != 32 || s.Length != 32)
        {
            throw new ArgumentException("digest, r and s are 32 octets each");
        }

        Span<byte> signature = stackalloc byte[64];
        if (!_ecdsa.TrySignHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
        {
            throw new CryptographicException("ECDSA signing failed");
        }

        signature[..32].CopyTo(r);
        signature[32..].CopyTo(s);
    }

    public void Dispose() => _ecdsa.Dispose();
}
