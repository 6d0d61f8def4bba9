using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace V2x.Security.Signing;

/// <summary>
/// Issues explicit certificates (IEEE 1609.2 §6.4, ETSI TS 103 097 v2.1.1 §6): the signature covers
/// the canonical ToBeSignedCertificate combined with the hash of the issuer certificate, or of the
/// empty string for a self-signed root (§5.3.1).
/// </summary>
public static class CertificateIssuer
{
    /// <summary>A self-signed root certificate: issuer self, signed with its own key.</summary>
    public static Certificate SelfSignedRoot(ToBeSignedCertificate toBeSigned, ISignatureKey key)
    {
        ArgumentNullException.ThrowIfNull(toBeSigned);
        ArgumentNullException.ThrowIfNull(key);
        RequireKey(toBeSigned, key.PublicKey, nameof(toBeSigned));
        var hash = SignatureInput.HashFor(key.Algorithm);
        return Sign(IssuerIdentifier.Self(hash), toBeSigned, key, Hashing.Hash(hash, []));
    }

    /// <summary>A certificate issued under <paramref name="issuer"/>, signed by the issuer's key.</summary>
    public static Certificate Issue(ToBeSignedCertificate toBeSigned, Certificate issuer, ISignatureKey issuerKey)
    {
        ArgumentNullException.ThrowIfNull(toBeSigned);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(issuerKey);
        if (toBeSigned.VerifyKeyIndicator.VerificationKey is null)
        {
            throw new ArgumentException("an explicit certificate needs a verification key", nameof(toBeSigned));
        }

        var issuerCertKey = issuer.ToBeSigned.VerifyKeyIndicator.VerificationKey;
        if (issuerCertKey is null || !issuerCertKey.ToCanonical().Point.X.Span.SequenceEqual(issuerKey.PublicKey.Point.X.Span))
        {
            throw new ArgumentException("the issuer certificate does not carry the issuer key", nameof(issuerKey));
        }

        var hash = SignatureInput.HashFor(issuerKey.Algorithm);
        var issuerId = IssuerIdentifier.FromDigest(hash, issuer.HashedId8);
        return Sign(issuerId, toBeSigned, issuerKey, Hashing.Hash(hash, issuer.CanonicalEncoding().Span));
    }

    private static Certificate Sign(IssuerIdentifier issuerId, ToBeSignedCertificate toBeSigned, ISignatureKey key, byte[] signerHash)
    {
        var canonical = toBeSigned.ToCanonical();
        var writer = new Oer.OerWriter(256);
        canonical.Encode(writer);
        var sm2Z = key.Algorithm == SignatureAlgorithm.Sm2
            ? Sm2.ComputeZ(CurveParameters.DecodePoint(key.Algorithm, key.PublicKey.Point), Sm2.DefaultUserId)
            : null;
        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(key.Algorithm, writer.WrittenSpan, signerHash, sm2Z, digest);
        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        key.SignDigest(digest, r, s);
        var signature = key.Algorithm == SignatureAlgorithm.Sm2
            ? new Signature(SignatureAlgorithm.Sm2, EccP256CurvePoint.XOnly(r), s.ToArray())
            : Signature.FromRs(key.Algorithm, r, s);
        return Certificate.Create(CertificateType.Explicit, issuerId, canonical, signature);
    }

    private static void RequireKey(ToBeSignedCertificate toBeSigned, PublicVerificationKey key, string name)
    {
        var carried = toBeSigned.VerifyKeyIndicator.VerificationKey;
        if (carried is null || carried.Algorithm != key.Algorithm || !carried.ToCanonical().Point.X.Span.SequenceEqual(key.Point.X.Span))
        {
            throw new ArgumentException("the certificate must carry the signing key", name);
        }
    }
}
