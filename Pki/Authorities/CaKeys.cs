using Pki.Store;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace Pki.Authorities;

/// <summary>A CA ready to act: its record, its signing key and signer, and its decryption key (EA, AA).</summary>
public sealed class CaKeys : IDisposable
{
    public CaKeys(AuthorityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        SigningKey = EcdsaP256SignatureKey.FromPrivateKey(record.SigningKey);
        Signer = new SpduSigner(SigningKey, record.Certificate);
        EncryptionKey = record.EncryptionKey is null ? null : EciesP256Key.FromPrivateKey(record.EncryptionKey);
    }

    public AuthorityRecord Record { get; }

    public Certificate Certificate => Record.Certificate;

    public EcdsaP256SignatureKey SigningKey { get; }

    public SpduSigner Signer { get; }

    public EciesP256Key? EncryptionKey { get; }

    public void Dispose()
    {
        SigningKey.Dispose();
        EncryptionKey?.Dispose();
    }
}
