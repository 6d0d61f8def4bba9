using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace V2x.Security.Signing;

/// <summary>
/// A signer certificate with everything the per-message path needs already computed: the imported
/// key, the hash of the certificate for the data input, and its HashedId8.
/// </summary>
public sealed class CachedSigner : IDisposable
{
    public CachedSigner(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = certificate.ToBeSigned.VerifyKeyIndicator.VerificationKey
            ?? throw new ArgumentException("only explicit certificates carry a verification key", nameof(certificate));
        Certificate = certificate;
        Digest = certificate.HashedId8;
        Key = VerificationKey.Import(key);
        SignerHash = SignatureInput.SignerHash(SignatureInput.HashFor(key.Algorithm), certificate.CanonicalEncoding().Span);
    }

    public Certificate Certificate { get; }

    public HashedId8 Digest { get; }

    public VerificationKey Key { get; }

    /// <summary>Hash of the certificate's canonical encoding with the hash its key signs with (1609.2 §5.3.1).</summary>
    public byte[] SignerHash { get; }

    public void Dispose() => Key.Dispose();
}
