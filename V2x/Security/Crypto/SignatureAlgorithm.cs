namespace V2x.Security.Crypto;

/// <summary>
/// The signature algorithms this library signs and verifies with: the 256-bit alternatives of
/// IEEE 1609.2 Signature / PublicVerificationKey (IEEE 1609.2-2022 §6.3 base types). The 384-bit
/// alternatives are decoded only far enough to be rejected as unsupported.
/// </summary>
public enum SignatureAlgorithm
{
    /// <summary>ECDSA over NIST P-256 with SHA-256 (ecdsaNistP256Signature).</summary>
    EcdsaNistP256 = 0,

    /// <summary>ECDSA over brainpoolP256r1 with SHA-256 (ecdsaBrainpoolP256r1Signature).</summary>
    EcdsaBrainpoolP256r1 = 1,

    /// <summary>SM2 with SM3 (sm2Signature / ecsigSm2, 1609.2-2022 extension).</summary>
    Sm2 = 4,
}
