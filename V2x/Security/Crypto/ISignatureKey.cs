namespace V2x.Security.Crypto;

/// <summary>
/// A private signing key, small enough to live in a PKCS#11 token: it signs a 32-octet digest and
/// returns r and s. The digest is the value the algorithm's core operation signs: for ECDSA the
/// SHA-256 of the IEEE 1609.2 §5.3.1 data input (CKM_ECDSA on a token), for SM2 the value
/// e = SM3(Z_A ‖ data input) of GB/T 32918.2 §6.1.
/// </summary>
public interface ISignatureKey
{
    SignatureAlgorithm Algorithm { get; }

    /// <summary>The matching public key (compressed), as carried in a certificate.</summary>
    PublicVerificationKey PublicKey { get; }

    /// <summary>Signs <paramref name="digest"/> (32 octets); writes r and s (32 octets each, big-endian).</summary>
    void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s);
}
