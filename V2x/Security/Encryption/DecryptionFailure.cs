namespace V2x.Security.Encryption;

/// <summary>Why well-formed encrypted data could not be decrypted.</summary>
public enum DecryptionFailure
{
    /// <summary>The content is not encryptedData.</summary>
    NotEncrypted,

    /// <summary>No recipient names a key this decryptor holds.</summary>
    NotForMe,

    /// <summary>A recipient or ciphertext algorithm this decryptor does not implement (sm4Ccm, symmRecipInfo).</summary>
    UnsupportedAlgorithm,

    /// <summary>The ephemeral key is not a point of P-256.</summary>
    InvalidKey,

    /// <summary>The ECIES tag or the AES-CCM tag does not verify: tampered data or the wrong key (1609.2 §5.3.5, §5.3.8).</summary>
    BadTag,
}
