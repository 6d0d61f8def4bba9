using PostureServer.Store;
using V2x;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace PostureServer.Assessment;

/// <summary>
/// The posture server's own keys (signing the response envelope, decrypting requests), kept in its state like the PKI's
/// CA keys (file mode 0600 on the bench; an HSM in a deployment), and its certificate, which the PKI's root issues to them
/// (<c>Pki issue-service</c>). Stations validate that certificate under the root they pin.
/// </summary>
public sealed class ServerKeys : IDisposable
{
    private ServerKeys(EcdsaP256SignatureKey signing, EciesP256Key encryption, Certificate? certificate)
    {
        Signing = signing;
        Encryption = encryption;
        Certificate = certificate;
    }

    /// <summary>The signing key.</summary>
    public EcdsaP256SignatureKey Signing { get; }

    /// <summary>The decryption key.</summary>
    public EciesP256Key Encryption { get; }

    /// <summary>The certificate, or null until one is installed.</summary>
    public Certificate? Certificate { get; private set; }

    /// <summary>The keys of the store, generated on first use.</summary>
    public static ServerKeys Load(PostureStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Setting("signing_key") is not { } signing || store.Setting("encryption_key") is not { } encryption)
        {
            using var newSigning = EcdsaP256SignatureKey.Generate();
            using var newEncryption = EciesP256Key.Generate();
            signing = newSigning.ExportPrivateKey();
            encryption = newEncryption.ExportPrivateKey();
            store.PutSetting("signing_key", signing);
            store.PutSetting("encryption_key", encryption);
        }

        var certificate = store.Setting("certificate") is { } c ? Certificate.Decode(c) : null;
        return new ServerKeys(EcdsaP256SignatureKey.FromPrivateKey(signing), EciesP256Key.FromPrivateKey(encryption), certificate);
    }

    /// <summary>Installs the certificate the PKI issued, after checking it carries both keys.</summary>
    /// <exception cref="ArgumentException">It does not decode, or carries other keys.</exception>
    public void Install(PostureStore store, ReadOnlyMemory<byte> encoded)
    {
        ArgumentNullException.ThrowIfNull(store);
        Certificate certificate;
        try
        {
            certificate = Certificate.Decode(encoded);
        }
        catch (DecodeException e)
        {
            throw new ArgumentException($"not a certificate: {e.Message}", nameof(encoded), e);
        }

        var verification = certificate.ToBeSigned.VerifyKeyIndicator.VerificationKey?.ToCanonical().Point.ToSec1();
        var encryption = certificate.ToBeSigned.EncryptionKey?.Point.ToSec1();
        if (verification is null || !verification.AsSpan().SequenceEqual(Signing.PublicKey.Point.ToSec1())
            || encryption is null || !encryption.AsSpan().SequenceEqual(Encryption.PublicKey.Point.ToSec1()))
        {
            throw new ArgumentException("the certificate does not carry this server's signing and encryption keys", nameof(encoded));
        }

        store.PutSetting("certificate", certificate.Encoded.ToArray());
        Certificate = certificate;
    }

    /// <summary>The signer of response envelopes.</summary>
    /// <exception cref="InvalidOperationException">No certificate installed.</exception>
    public SpduSigner Signer() => new(Signing, Certificate ?? throw new InvalidOperationException("the posture server has no certificate yet (Pki issue-service, then set-certificate)"));

    /// <inheritdoc />
    public void Dispose()
    {
        Signing.Dispose();
        Encryption.Dispose();
    }
}
