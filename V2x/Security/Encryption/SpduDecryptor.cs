using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace V2x.Security.Encryption;

/// <summary>
/// Opens EtsiTs103097Data-Encrypted with the keys it holds: private keys of certificates
/// (certRecipInfo, ECIES 1609.2-2016 §5.3.5) and pre-shared AES keys (pskRecipInfo). Fails closed with
/// <see cref="DecryptionException"/>; malformed encodings raise <see cref="DecodeException"/>.
/// </summary>
/// <remarks>Configure the keys before sharing a decryptor between threads; decryption itself is thread-safe.</remarks>
public sealed class SpduDecryptor
{
    private readonly Dictionary<HashedId8, (IDecryptionKey Key, byte[] P1)> _certificates = [];
    private readonly Dictionary<HashedId8, byte[]> _preShared = [];

    /// <summary>Adds the private key of a certificate's encryption key.</summary>
    public void AddCertificateKey(Certificate certificate, IDecryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        var carried = certificate.ToBeSigned.EncryptionKey
            ?? throw new ArgumentException("the certificate carries no encryption key", nameof(certificate));
        if (!carried.Point.ToCompressed().X.Span.SequenceEqual(key.PublicKey.Point.X.Span))
        {
            throw new ArgumentException("the certificate does not carry this key", nameof(key));
        }

        _certificates[certificate.HashedId8] = (key, SpduEncryptor.CertificateP1(certificate));
    }

    /// <summary>Adds a pre-shared AES-128 key (for example the data key of a request whose response is awaited).</summary>
    public void AddPreSharedKey(ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != Aes128Ccm.KeySize)
        {
            throw new ArgumentException("an AES-128 key is 16 octets", nameof(dataKey));
        }

        _preShared[SpduEncryptor.PreSharedKeyId(dataKey)] = dataKey.ToArray();
    }

    /// <summary>Decodes and decrypts one SPDU.</summary>
    /// <exception cref="DecodeException">Malformed encoding.</exception>
    /// <exception cref="DecryptionException">Not encrypted, not for this decryptor, or tampered.</exception>
    public DecryptedSpdu DecodeAndDecrypt(ReadOnlyMemory<byte> encoded)
    {
        var data = Ieee1609Dot2Data.Decode(encoded);
        return Decrypt(data.EncryptedData ?? throw new DecryptionException(DecryptionFailure.NotEncrypted, $"content is {data.Kind}"));
    }

    /// <summary>Decrypts decoded encrypted data.</summary>
    /// <exception cref="DecryptionException">Not for this decryptor, unsupported, or tampered.</exception>
    public DecryptedSpdu Decrypt(EncryptedData encrypted)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (encrypted.Ciphertext.Algorithm != SymmetricAlgorithm.Aes128Ccm)
        {
            throw new DecryptionException(DecryptionFailure.UnsupportedAlgorithm, $"ciphertext {encrypted.Ciphertext.Algorithm}");
        }

        foreach (var recipient in encrypted.Recipients)
        {
            var dataKey = OpenDataKey(recipient);
            if (dataKey is null)
            {
                continue;
            }

            var plaintext = Aes128Ccm.Decrypt(dataKey, encrypted.Ciphertext.Nonce.Span, encrypted.Ciphertext.CcmCiphertext.Span)
                ?? throw new DecryptionException(DecryptionFailure.BadTag, "the AES-CCM tag does not verify");
            return new DecryptedSpdu(plaintext, dataKey, recipient);
        }

        throw new DecryptionException(DecryptionFailure.NotForMe, "no recipient names a key held here");
    }

    private byte[]? OpenDataKey(RecipientInfo recipient)
    {
        switch (recipient.Kind)
        {
            case RecipientKind.PreSharedKey:
                return _preShared.TryGetValue(recipient.RecipientId, out var psk) ? psk : null;
            case RecipientKind.Certificate:
                if (!_certificates.TryGetValue(recipient.RecipientId, out var entry))
                {
                    return null;
                }

                byte[]? key;
                try
                {
                    key = Ecies.Decrypt(entry.Key, recipient.EncryptedKey!, entry.P1);
                }
                catch (ArgumentException e)
                {
                    throw new DecryptionException(DecryptionFailure.InvalidKey, e.Message);
                }

                return key ?? throw new DecryptionException(DecryptionFailure.BadTag, "the ECIES tag does not verify");
            default:
                return null;
        }
    }
}
