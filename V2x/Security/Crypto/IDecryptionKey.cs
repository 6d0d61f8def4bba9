namespace V2x.Security.Crypto;

/// <summary>
/// A private ECIES key (NIST P-256) small enough to live in a token: it computes the ECDH shared
/// secret with a sender's ephemeral public key (the x coordinate, IEEE 1363a ECSVDP-DH as used by
/// IEEE 1609.2 §5.3.5.1; CKM_ECDH1_DERIVE on a PKCS#11 token) and never exports the scalar.
/// </summary>
public interface IDecryptionKey
{
    /// <summary>The matching public key, as carried in a certificate's encryptionKey.</summary>
    PublicEncryptionKey PublicKey { get; }

    /// <summary>Writes the x coordinate of d·V (32 octets) into <paramref name="sharedX"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="ephemeral"/> is not a point of P-256.</exception>
    void Agree(EccP256CurvePoint ephemeral, Span<byte> sharedX);
}
