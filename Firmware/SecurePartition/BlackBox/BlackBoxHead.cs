using System.Buffers.Binary;
using System.Security.Cryptography;
using Hardware.Storage;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// The head record: sequence and hash of the last entry appended, kept outside the log (durable
/// store key "bb.head") and signed with the black-box key, so that cutting entries off the end of
/// the log is detected and a shorter log cannot be given a matching head without the key.
/// Layout: u64 sequence (big-endian) | 32 bytes entry hash | 64 bytes r || s over
/// SHA-256("BBHD" || sequence || hash).
/// </summary>
/// <param name="Sequence">Last sequence appended.</param>
/// <param name="Hash">Its entry hash.</param>
/// <param name="Signature">r || s.</param>
public sealed record BlackBoxHead(ulong Sequence, byte[] Hash, byte[] Signature)
{
    /// <summary>Durable-store key.</summary>
    public const string Key = "bb.head";

    private const int Bytes = 8 + 32 + 64;

    /// <summary>Signs a head record.</summary>
    public static BlackBoxHead Create(ulong sequence, byte[] hash, ISignatureKey key)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(key);
        var signature = new byte[64];
        key.SignDigest(Digest(sequence, hash), signature.AsSpan(0, 32), signature.AsSpan(32));
        return new BlackBoxHead(sequence, hash, signature);
    }

    /// <summary>Reads the head record (null when none or not the right size).</summary>
    public static BlackBoxHead? Read(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var b = store.Read(Key);
        return b is { Length: Bytes } ? new BlackBoxHead(BinaryPrimitives.ReadUInt64BigEndian(b), b[8..40], b[40..]) : null;
    }

    /// <summary>Whether the signature verifies with a key.</summary>
    public bool VerifiedBy(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.VerifyDigest(Digest(Sequence, Hash), Signature.AsSpan(0, 32), Signature.AsSpan(32));
    }

    /// <summary>Writes the head record.</summary>
    public void Write(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var b = new byte[Bytes];
        BinaryPrimitives.WriteUInt64BigEndian(b, Sequence);
        Hash.CopyTo(b, 8);
        Signature.CopyTo(b, 40);
        store.Write(Key, b);
    }

    private static byte[] Digest(ulong sequence, byte[] hash)
    {
        var input = new byte[4 + 8 + 32];
        "BBHD"u8.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(4), sequence);
        hash.CopyTo(input, 12);
        return SHA256.HashData(input);
    }
}
