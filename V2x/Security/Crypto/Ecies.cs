using System.Buffers.Binary;
using System.Security.Cryptography;

namespace V2x.Security.Crypto;

/// <summary>
/// ECIES key wrapping of IEEE 1609.2-2016 §5.3.5.1 (IEEE 1363a ECIES in XOR mode) on NIST P-256:
/// an ephemeral key pair (v, V); shared secret Z = x(v·R) (ECSVDP-DH); K1 ‖ K2 = KDF2-SHA256(Z, P1),
/// 16 + 32 octets; c = k XOR K1; t = the first 16 octets of HMAC-SHA256(K2, c) (MAC1, P2 empty).
/// P1 is the SHA-256 hash of the recipient information: of the recipient certificate for certRecipInfo
/// (§5.3.5.1, §6.3.32), of the empty string otherwise.
/// </summary>
public static class Ecies
{
    /// <summary>Wraps a 16-octet AES key for <paramref name="recipient"/> with a fresh ephemeral key.</summary>
    public static EciesP256EncryptedKey Encrypt(PublicEncryptionKey recipient, ReadOnlySpan<byte> aesKey, ReadOnlySpan<byte> p1)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(recipient, aesKey, p1, ephemeral);
    }

    /// <summary>Wraps with a given ephemeral private scalar (the known-answer tests of 1609.2 Annex D fix it).</summary>
    public static EciesP256EncryptedKey Encrypt(PublicEncryptionKey recipient, ReadOnlySpan<byte> aesKey, ReadOnlySpan<byte> p1, ReadOnlySpan<byte> ephemeralPrivate)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (ephemeralPrivate.Length != 32)
        {
            throw new ArgumentException("a P-256 private key is 32 octets", nameof(ephemeralPrivate));
        }

        using var ephemeral = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = ephemeralPrivate.ToArray() });
        return Encrypt(recipient, aesKey, p1, ephemeral);
    }

    private static EciesP256EncryptedKey Encrypt(PublicEncryptionKey recipient, ReadOnlySpan<byte> aesKey, ReadOnlySpan<byte> p1, ECDiffieHellman ephemeral)
    {
        if (recipient.Algorithm != PublicEncryptionAlgorithm.EciesNistP256)
        {
            throw new ArgumentException($"only eciesNistP256 is supported, not {recipient.Algorithm}", nameof(recipient));
        }

        CheckSizes(aesKey, p1);
        using var peer = EciesP256Key.ImportPublic(recipient.Point);
        var z = ephemeral.DeriveRawSecretAgreement(peer.PublicKey);
        Span<byte> k = stackalloc byte[48];
        Kdf2(z, p1, k);
        CryptographicOperations.ZeroMemory(z);
        var c = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            c[i] = (byte)(aesKey[i] ^ k[i]);
        }

        var t = Tag(k[16..], c);
        CryptographicOperations.ZeroMemory(k);
        var q = ephemeral.ExportParameters(false).Q;
        return new EciesP256EncryptedKey(EccP256CurvePoint.Compressed(q.X, (q.Y![31] & 1) != 0), c, t);
    }

    /// <summary>Unwraps the AES key; null when the tag does not verify (not for this key, or tampered).</summary>
    /// <exception cref="ArgumentException">The ephemeral key is not a point of P-256.</exception>
    public static byte[]? Decrypt(IDecryptionKey key, EciesP256EncryptedKey encrypted, ReadOnlySpan<byte> p1)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(encrypted);
        if (p1.Length != 32)
        {
            throw new ArgumentException("P1 is a 32-octet SHA-256 hash", nameof(p1));
        }

        Span<byte> z = stackalloc byte[32];
        key.Agree(encrypted.V, z);
        Span<byte> k = stackalloc byte[48];
        Kdf2(z, p1, k);
        z.Clear();
        var expected = Tag(k[16..], encrypted.C.Span);
        if (!CryptographicOperations.FixedTimeEquals(expected, encrypted.T.Span))
        {
            k.Clear();
            return null;
        }

        var aesKey = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            aesKey[i] = (byte)(encrypted.C.Span[i] ^ k[i]);
        }

        k.Clear();
        return aesKey;
    }

    // IEEE 1363a KDF2 with SHA-256: T_i = SHA-256(Z ‖ I2OSP(i, 4) ‖ P1), i = 1, 2, …, concatenated.
    private static void Kdf2(ReadOnlySpan<byte> z, ReadOnlySpan<byte> p1, Span<byte> output)
    {
        Span<byte> input = stackalloc byte[z.Length + 4 + p1.Length];
        z.CopyTo(input);
        p1.CopyTo(input[(z.Length + 4)..]);
        Span<byte> block = stackalloc byte[32];
        for (uint counter = 1, done = 0; done < output.Length; counter++, done += 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(input.Slice(z.Length, 4), counter);
            SHA256.HashData(input, block);
            var take = Math.Min(32, output.Length - (int)done);
            block[..take].CopyTo(output[(int)done..]);
        }

        input.Clear();
    }

    // 1609.2 §5.3.5.1: MAC1 = HMAC-SHA256 over c with K2 (32 octets), tag the leftmost 128 bits.
    private static byte[] Tag(ReadOnlySpan<byte> k2, ReadOnlySpan<byte> c)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(k2, c, mac);
        return mac[..16].ToArray();
    }

    private static void CheckSizes(ReadOnlySpan<byte> aesKey, ReadOnlySpan<byte> p1)
    {
        if (aesKey.Length != 16 || p1.Length != 32)
        {
            throw new ArgumentException("the wrapped key is 16 octets and P1 a 32-octet SHA-256 hash");
        }
    }
}
