namespace Hardware.Security;

/// <summary>
/// A key store / secure element holding NIST P-256 private keys that never leave it: generate a
/// key pair under a label, read its public key, sign a 32-byte digest, delete, list.
/// An unknown label is reported as <see cref="KeyStoreException"/> with <see cref="KeyStoreError.KeyNotFound"/>.
/// </summary>
public interface IKeyStore
{
    /// <summary>Generates a P-256 key pair under a new label; returns the public key as an uncompressed point (0x04 || X || Y, 65 bytes).</summary>
    /// <exception cref="KeyStoreException">The label is taken (<see cref="KeyStoreError.LabelInUse"/>) or the device fails.</exception>
    byte[] Generate(string label);

    /// <summary>The public key of a label, uncompressed (65 bytes).</summary>
    byte[] GetPublicKey(string label);

    /// <summary>Signs a 32-byte digest (ECDSA, no hashing inside) with the label's private key.</summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes.</exception>
    EcdsaSignature SignDigest(string label, ReadOnlySpan<byte> digest);

    /// <summary>Deletes a key pair; returns false when there was none.</summary>
    bool Delete(string label);

    /// <summary>The labels of every key pair held.</summary>
    IReadOnlyList<string> List();
}
