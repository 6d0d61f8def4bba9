using System.Security.Cryptography;

namespace V2x.Security.Crypto;

/// <summary>
/// AES-128 in CCM mode as IEEE 1609.2 uses it (1609.2-2016 §5.3.8): 16-octet key, 12-octet nonce,
/// 16-octet tag appended to the ciphertext, no associated data (NIST SP 800-38C through .NET's
/// <see cref="AesCcm"/>, OpenSSL underneath).
/// </summary>
public static class Aes128Ccm
{
    public const int KeySize = 16;

    public const int NonceSize = 12;

    public const int TagSize = 16;

    /// <summary>Encrypts <paramref name="plaintext"/>; returns ciphertext ‖ tag (plaintext length + 16).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext) =>
        Seal(key, nonce, plaintext, [], TagSize);

    /// <summary>Decrypts ciphertext ‖ tag; returns null when the tag does not verify (wrong key or tampered data).</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag) =>
        Open(key, nonce, ciphertextAndTag, [], TagSize);

    /// <summary>General CCM sealing (any tag size .NET accepts, optional associated data): what the known-answer tests exercise.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, int tagSize)
    {
        Check(key, nonce);
        var output = new byte[plaintext.Length + tagSize];
        using var ccm = new AesCcm(key);
        ccm.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return output;
    }

    /// <summary>General CCM opening; null when the tag does not verify or the input is shorter than the tag.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData, int tagSize)
    {
        Check(key, nonce);
        if (ciphertextAndTag.Length < tagSize)
        {
            return null;
        }

        var length = ciphertextAndTag.Length - tagSize;
        var plaintext = new byte[length];
        using var ccm = new AesCcm(key);
        try
        {
            ccm.Decrypt(nonce, ciphertextAndTag[..length], ciphertextAndTag[length..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static void Check(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeySize || nonce.Length != NonceSize)
        {
            throw new ArgumentException($"AES-128-CCM takes a {KeySize}-octet key and a {NonceSize}-octet nonce");
        }
    }
}
