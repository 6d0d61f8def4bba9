using System.Security.Cryptography;

namespace V2x.Security.Crypto;

/// <summary>An in-memory ECIES NIST P-256 private key through .NET's <see cref="ECDiffieHellman"/> (OpenSSL).</summary>
public sealed class EciesP256Key : IDecryptionKey, IDisposable
{
    private readonly ECDiffieHellman _ecdh;

    private EciesP256Key(ECDiffieHellman ecdh)
    {
        _ecdh = ecdh;
        var q = ecdh.ExportParameters(false).Q;
        PublicKey = new PublicEncryptionKey(SymmetricAlgorithm.Aes128Ccm, PublicEncryptionAlgorithm.EciesNistP256,
            EccP256CurvePoint.Compressed(q.X, (q.Y![31] & 1) != 0));
    }

    public PublicEncryptionKey PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static EciesP256Key Generate() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A key from its 32-octet private scalar.</summary>
    public static EciesP256Key FromPrivateKey(ReadOnlySpan<byte> d)
    {
        if (d.Length != 32)
        {
            throw new ArgumentException("a P-256 private key is 32 octets", nameof(d));
        }

        return new EciesP256Key(ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d.ToArray() }));
    }

    /// <summary>The private scalar (for persisting a bench key; a token-held key never exposes it).</summary>
    public byte[] ExportPrivateKey() => _ecdh.ExportParameters(true).D!;

    public void Agree(EccP256CurvePoint ephemeral, Span<byte> sharedX)
    {
        ArgumentNullException.ThrowIfNull(ephemeral);
        if (sharedX.Length != 32)
        {
            throw new ArgumentException("the shared secret is 32 octets", nameof(sharedX));
        }

        using var peer = ImportPublic(ephemeral);
        var secret = _ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        secret.CopyTo(sharedX);
        CryptographicOperations.ZeroMemory(secret);
    }

    /// <summary>Imports a P-256 point (decompressing it and checking it lies on the curve).</summary>
    /// <exception cref="ArgumentException">Not a point of P-256.</exception>
    internal static ECDiffieHellman ImportPublic(EccP256CurvePoint point)
    {
        if (point.Form is EccPointForm.XOnly or EccPointForm.Fill)
        {
            throw new ArgumentException("an ECIES public key is compressed or uncompressed", nameof(point));
        }

        var decoded = CurveParameters.DecodePoint(SignatureAlgorithm.EcdsaNistP256, point);
        var x = new byte[32];
        var y = new byte[32];
        CurveParameters.ToFixed32(decoded.AffineXCoord.ToBigInteger(), x);
        CurveParameters.ToFixed32(decoded.AffineYCoord.ToBigInteger(), y);
        return ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
    }

    public void Dispose() => _ecdh.Dispose();
}
