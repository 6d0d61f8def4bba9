namespace Hardware.Security;

/// <summary>How a private key in a PKCS#11 token is protected (PKCS#11 v2.40 §4.9 private key attributes).</summary>
/// <param name="Sensitive">CKA_SENSITIVE: the value cannot be revealed in plaintext.</param>
/// <param name="Extractable">CKA_EXTRACTABLE: the key can be wrapped out of the token.</param>
/// <param name="NeverExtractable">CKA_NEVER_EXTRACTABLE: it never was extractable.</param>
/// <param name="ValueReadable">Whether C_GetAttributeValue(CKA_VALUE) gave the private value.</param>
public sealed record Pkcs11KeyProtection(bool Sensitive, bool Extractable, bool NeverExtractable, bool ValueReadable)
{
    /// <summary>True when the private key cannot leave the token by any attribute read or wrap.</summary>
    public bool IsSealed => Sensitive && !Extractable && NeverExtractable && !ValueReadable;
}
