namespace V2x.Security.Encryption;

/// <summary>The plaintext of an encrypted SPDU, the data key that opened it and the recipient entry that named it.</summary>
public sealed record DecryptedSpdu(byte[] Plaintext, byte[] DataKey, RecipientInfo Recipient);
