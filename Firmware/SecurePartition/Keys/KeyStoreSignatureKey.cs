using Firmware.SecurePartition.Boot;
using Hardware.Security;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.Keys;

/// <summary>
/// A P-256 private key held in the board's key store (a PKCS#11 token on the bench and in a
/// vehicle), seen through the V2x signer abstraction: the 1609.2 §5.3.1 digest goes in, r and s
/// come out (PKCS#11 CKM_ECDSA); the private key never leaves the store.
/// </summary>
public sealed class KeyStoreSignatureKey : ISignatureKey
{
    private readonly IKeyStore _store;

    /// <summary>Wraps an existing key pair.</summary>
    /// <exception cref="KeyStoreException">No such key.</exception>
    public KeyStoreSignatureKey(IKeyStore store, string label)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(label);
        _store = store;
        Label = label;
        PublicKey = BootRom.DecodeKey(store.GetPublicKey(label));
    }

    /// <summary>The key store label.</summary>
    public string Label { get; }

    /// <inheritdoc />
    public SignatureAlgorithm Algorithm => SignatureAlgorithm.EcdsaNistP256;

    /// <inheritdoc />
    public PublicVerificationKey PublicKey { get; }

    /// <inheritdoc />
    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s)
    {
        if (r.Length != 32 || s.Length != 32)
        {
            throw new ArgumentException("r and s are 32 bytes each.", nameof(r));
        }

        var signature = _store.SignDigest(Label, digest);
        signature.R.CopyTo(r);
        signature.S.CopyTo(s);
    }
}
