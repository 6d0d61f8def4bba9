using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace V2x.Security.Signing;

/// <summary>
/// Decodes and verifies signed SPDUs (IEEE 1609.2 §5.3.1, §6.3) and certificates (§6.4). Signer
/// certificates met in messages are verified against a trusted issuer (when one is configured) and
/// cached with their imported key by HashedId8, so later messages signed with a digest are verified
/// without importing any key.
/// </summary>
/// <remarks>
/// Configure trust (<see cref="Trust"/>) before sharing a verifier between threads; verification
/// itself is thread-safe.
/// This is the cryptographic check only: certificate validity periods, regions, CRLs and chain depth
/// belong to the receive pipeline, which reads them from the returned signer certificate.
/// </remarks>
public sealed class SpduVerifier
{
    private readonly Dictionary<HashedId8, CachedSigner> _trusted = [];

    public SpduVerifier(VerificationKeyCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        Cache = cache;
    }

    public VerificationKeyCache Cache { get; }

    /// <summary>
    /// When true (the default: fail closed), a signer certificate carried in a message is accepted only
    /// if its issuer is a trusted certificate and the certificate's signature verifies.
    /// </summary>
    public bool RequireTrustedIssuer { get; init; } = true;

    /// <summary>Adds a trusted CA certificate (root or subordinate), after checking it is explicit.</summary>
    public void Trust(Certificate caCertificate)
    {
        ArgumentNullException.ThrowIfNull(caCertificate);
        if (caCertificate.ToBeSigned.VerifyKeyIndicator.VerificationKey is null)
        {
            throw new ArgumentException("a trusted certificate must be explicit", nameof(caCertificate));
        }

        var signer = new CachedSigner(caCertificate);
        _trusted[signer.Digest] = signer;
    }

    /// <summary>Decodes one SPDU and verifies its signature.</summary>
    /// <exception cref="DecodeException">Malformed or non-canonical encoding.</exception>
    /// <exception cref="VerificationException">Well-formed but not verifiable or not verified.</exception>
    public VerifiedSpdu DecodeAndVerify(ReadOnlyMemory<byte> encoded)
    {
        var data = Ieee1609Dot2Data.Decode(encoded);
        if (data.SignedData is null)
        {
            throw new VerificationException(VerificationFailure.NotSigned, $"content is {data.Kind}");
        }

        var signer = Verify(data.SignedData);
        return new VerifiedSpdu(data, data.SignedData, signer);
    }

    /// <summary>Verifies decoded signed data; returns the signer entry (certificate and key).</summary>
    /// <exception cref="VerificationException">The signature cannot be or is not verified.</exception>
    public CachedSigner Verify(SignedData signedData)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        var signer = ResolveSigner(signedData.Signer, out var isNew);
        var signature = signedData.Signature;
        if (signature.Algorithm != signer.Key.Algorithm)
        {
            throw new VerificationException(VerificationFailure.KeyMismatch, $"{signature.Algorithm} signature, {signer.Key.Algorithm} key");
        }

        if (signedData.HashId != SignatureInput.HashFor(signature.Algorithm))
        {
            throw new VerificationException(VerificationFailure.KeyMismatch, $"hashId {signedData.HashId} with {signature.Algorithm}");
        }

        // IEEE 1609.2-2016 §5.2.4 (consistency of an SPDU with its signing certificate) and §6.4.8
        // (ToBeSignedCertificate.appPermissions): the PSID must be in the signer's appPermissions; a certificate
        // without appPermissions grants no PSID and so cannot sign SPDUs at all (fail closed).
        var psid = signedData.TbsData.HeaderInfo.Psid;
        var permissions = signer.Certificate.ToBeSigned.AppPermissions;
        if (permissions is null || !Contains(permissions, psid))
        {
            throw new VerificationException(
                VerificationFailure.PsidNotPermitted,
                permissions is null ? $"psid {psid}: the signer certificate has no appPermissions, so it may sign no SPDU" : $"psid {psid} not in the signer's appPermissions");
        }

        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(signature.Algorithm, signedData.TbsData.CanonicalEncoding().Span, signer.SignerHash, signer.Key.Sm2Z, digest);
        if (!signer.Key.VerifyDigest(digest, signature.R.X.Span, signature.S.Span))
        {
            throw new VerificationException(VerificationFailure.BadSignature, "the SPDU signature does not verify");
        }

        // A new signer certificate is cached only once a message it signed has verified.
        return isNew ? Cache.Add(signer) : signer;
    }

    /// <summary>
    /// Verifies signed data whose signer is self (IEEE 1609.2 §5.3.1: the signer hash is the hash of the
    /// empty string) with a key obtained out of band.
    /// </summary>
    /// <exception cref="VerificationException">Not self-signed, wrong algorithm, invalid key or bad signature.</exception>
    public static void VerifySelfSigned(SignedData signedData, PublicVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        ArgumentNullException.ThrowIfNull(key);
        if (signedData.Signer.Kind != SignerKind.Self)
        {
            throw new VerificationException(VerificationFailure.NotSigned, "signer is not self");
        }

        var signature = signedData.Signature;
        if (signature.Algorithm != key.Algorithm || signedData.HashId != SignatureInput.HashFor(key.Algorithm))
        {
            throw new VerificationException(VerificationFailure.KeyMismatch, $"{signature.Algorithm} signature, {key.Algorithm} key");
        }

        VerificationKey imported;
        try
        {
            imported = VerificationKey.Import(key);
        }
        catch (ArgumentException e)
        {
            throw new VerificationException(VerificationFailure.InvalidKey, e.Message);
        }

        using (imported)
        {
            var signerHash = SignatureInput.SignerHash(SignatureInput.HashFor(key.Algorithm), []);
            Span<byte> digest = stackalloc byte[32];
            SignatureInput.ComputeDigest(key.Algorithm, signedData.TbsData.CanonicalEncoding().Span, signerHash, imported.Sm2Z, digest);
            if (!imported.VerifyDigest(digest, signature.R.X.Span, signature.S.Span))
            {
                throw new VerificationException(VerificationFailure.BadSignature, "the self-signed SPDU signature does not verify");
            }
        }
    }

    /// <summary>
    /// Verifies a certificate's signature: self-signed with its own key and the hash of the empty
    /// string, otherwise with <paramref name="issuer"/> (whose HashedId8 must be the issuer digest).
    /// </summary>
    public static VerificationFailure VerifyCertificate(Certificate certificate, Certificate? issuer) =>
        VerifyCertificate(certificate, issuer, CertificateHashing.Canonical);

    /// <summary>
    /// <see cref="VerifyCertificate(Certificate, Certificate?)"/> with the hashing named: with
    /// <see cref="CertificateHashing.AsSent"/> the issuer may be named by the hash of its encoding as sent, and
    /// the signature is checked over the toBeSigned octets as received and the issuer's encoding as received
    /// (what stacks that do not canonicalise sign). Callers use it only when configured to accept such chains.
    /// </summary>
    public static VerificationFailure VerifyCertificate(Certificate certificate, Certificate? issuer, CertificateHashing hashing)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var asSent = hashing == CertificateHashing.AsSent;
        var signature = certificate.Signature;
        if (signature is null || certificate.Type != CertificateType.Explicit)
        {
            return VerificationFailure.UnsupportedAlgorithm;
        }

        PublicVerificationKey? key;
        ReadOnlyMemory<byte> signerInput;
        if (certificate.Issuer.IsSelf)
        {
            key = certificate.ToBeSigned.VerifyKeyIndicator.VerificationKey;
            signerInput = ReadOnlyMemory<byte>.Empty;
        }
        else
        {
            if (issuer is null || (issuer.HashedId8 != certificate.Issuer.Digest && !(asSent && issuer.AsSentHashedId8 == certificate.Issuer.Digest)))
            {
                return VerificationFailure.KeyMismatch;
            }

            key = issuer.ToBeSigned.VerifyKeyIndicator.VerificationKey;
            signerInput = asSent ? issuer.Encoded : issuer.CanonicalEncoding();
        }

        if (key is null)
        {
            return VerificationFailure.UnsupportedAlgorithm;
        }

        if (key.Algorithm != signature.Algorithm || certificate.HashAlgorithm != SignatureInput.HashFor(key.Algorithm))
        {
            return VerificationFailure.KeyMismatch;
        }

        VerificationKey imported;
        try
        {
            imported = VerificationKey.Import(key);
        }
        catch (ArgumentException)
        {
            return VerificationFailure.InvalidKey;
        }

        using (imported)
        {
            var signerHash = SignatureInput.SignerHash(SignatureInput.HashFor(key.Algorithm), signerInput.Span);
            Span<byte> digest = stackalloc byte[32];
            SignatureInput.ComputeDigest(key.Algorithm, (asSent ? certificate.ToBeSignedEncoded : certificate.CanonicalToBeSigned()).Span, signerHash, imported.Sm2Z, digest);
            return imported.VerifyDigest(digest, signature.R.X.Span, signature.S.Span) ? VerificationFailure.None : VerificationFailure.BadCertificateSignature;
        }
    }

    private CachedSigner ResolveSigner(SignerIdentifier signer, out bool isNew)
    {
        isNew = false;
        switch (signer.Kind)
        {
            case SignerKind.Digest:
                if (Cache.TryGet(signer.Digest, out var cached) || _trusted.TryGetValue(signer.Digest, out cached))
                {
                    return cached;
                }

                throw new VerificationException(VerificationFailure.UnknownSigner, $"no certificate with digest {signer.Digest}");
            case SignerKind.Certificate when signer.Certificates.Count == 1:
                return AdmitCertificate(signer.Certificates[0], out isNew);
            default:
                throw new VerificationException(VerificationFailure.NotSigned, "signer self or several certificates is not supported");
        }
    }

    private CachedSigner AdmitCertificate(Certificate certificate, out bool isNew)
    {
        isNew = false;
        if (Cache.TryGet(certificate.HashedId8, out var known))
        {
            return known;
        }

        if (certificate.Type != CertificateType.Explicit)
        {
            throw new VerificationException(VerificationFailure.UnsupportedAlgorithm, "implicit certificates are not supported");
        }

        if (!certificate.Issuer.IsSelf && _trusted.TryGetValue(certificate.Issuer.Digest, out var issuer))
        {
            var failure = VerifyCertificate(certificate, issuer.Certificate);
            if (failure != VerificationFailure.None)
            {
                throw new VerificationException(failure, "signer certificate rejected by its issuer");
            }
        }
        else if (RequireTrustedIssuer)
        {
            throw new VerificationException(VerificationFailure.UnknownIssuer, $"issuer {certificate.Issuer.Digest} is not trusted");
        }

        try
        {
            isNew = true;
            return new CachedSigner(certificate);
        }
        catch (ArgumentException e)
        {
            throw new VerificationException(VerificationFailure.InvalidKey, e.Message);
        }
    }

    private static bool Contains(IReadOnlyList<PsidSsp> permissions, Psid psid)
    {
        foreach (var p in permissions)
        {
            if (p.Psid == psid)
            {
                return true;
            }
        }

        return false;
    }
}
