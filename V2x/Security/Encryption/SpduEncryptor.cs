using System.Security.Cryptography;
using V2x.Oer;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using SymmetricAlgorithm = V2x.Security.Crypto.SymmetricAlgorithm;

namespace V2x.Security.Encryption;

/// <summary>
/// Builds EtsiTs103097Data-Encrypted (ETSI TS 103 097 v2.1.1 §5.3; IEEE 1609.2-2016 §5.3.5, §5.3.8,
/// §6.3.30): the plaintext is encrypted with a fresh AES-128-CCM data key and nonce; the data key is
/// wrapped with ECIES for a certificate's encryption key (certRecipInfo), or is a key both sides already
/// share (pskRecipInfo), as ETSI TS 102 941 uses for responses.
/// </summary>
public static class SpduEncryptor
{
    /// <summary>
    /// Encrypts for the holder of <paramref name="recipient"/>'s encryption key. Returns the encoded
    /// Ieee1609Dot2Data and the data key (keep it to read a response encrypted with it).
    /// </summary>
    /// <exception cref="ArgumentException">The certificate carries no eciesNistP256 encryption key.</exception>
    public static byte[] EncryptForCertificate(ReadOnlySpan<byte> plaintext, Certificate recipient, out byte[] dataKey)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var encryptionKey = recipient.ToBeSigned.EncryptionKey
            ?? throw new ArgumentException("the recipient certificate carries no encryption key", nameof(recipient));
        if (encryptionKey.SymmetricAlgorithm != SymmetricAlgorithm.Aes128Ccm)
        {
            throw new ArgumentException("the recipient supports only sm4Ccm", nameof(recipient));
        }

        dataKey = RandomNumberGenerator.GetBytes(Aes128Ccm.KeySize);
        var wrapped = Ecies.Encrypt(encryptionKey, dataKey, CertificateP1(recipient));
        var info = RecipientInfo.PublicKey(RecipientKind.Certificate, recipient.HashedId8, wrapped);
        return Seal(plaintext, dataKey, info);
    }

    /// <summary>Encrypts with a data key the recipient already holds (pskRecipInfo).</summary>
    public static byte[] EncryptWithPreSharedKey(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != Aes128Ccm.KeySize)
        {
            throw new ArgumentException("an AES-128 key is 16 octets", nameof(dataKey));
        }

        return Seal(plaintext, dataKey, RecipientInfo.PreSharedKey(PreSharedKeyId(dataKey)));
    }

    /// <summary>
    /// The HashedId8 naming a pre-shared AES key (1609.2-2016 §6.3.34 PreSharedKeyRecipientInfo): the
    /// low-order eight octets of SHA-256 over the COER encoding of SymmetricEncryptionKey { aes128Ccm key }.
    /// </summary>
    public static HashedId8 PreSharedKeyId(ReadOnlySpan<byte> dataKey)
    {
        var writer = new OerWriter(17);
        writer.WriteChoiceIndex(0);
        writer.WriteFixedOctets(dataKey, Aes128Ccm.KeySize);
        return HashedId8.FromHash(SHA256.HashData(writer.WrittenSpan));
    }

    /// <summary>P1 of ECIES for certRecipInfo (1609.2-2016 §5.3.5.1): SHA-256 of the recipient certificate's canonical encoding.</summary>
    public static byte[] CertificateP1(Certificate recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return SHA256.HashData(recipient.CanonicalEncoding().Span);
    }

    private static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> dataKey, RecipientInfo recipient)
    {
        var nonce = RandomNumberGenerator.GetBytes(Aes128Ccm.NonceSize);
        var ciphertext = Aes128Ccm.Encrypt(dataKey, nonce, plaintext);
        var data = new EncryptedData([recipient], new SymmetricCiphertext(SymmetricAlgorithm.Aes128Ccm, nonce, ciphertext));
        return Ieee1609Dot2Data.Encrypted(data).Encoded.ToArray();
    }
}
