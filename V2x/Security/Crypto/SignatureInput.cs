namespace V2x.Security.Crypto;

/// <summary>
/// The data input of IEEE 1609.2 §5.3.1 and the digest each algorithm signs.
/// </summary>
/// <remarks>
/// 1609.2-2016 §5.3.1 (ECDSA): Data input = Hash(ToBeSignedData) ‖ Hash(signer identifier input),
/// where the signer identifier input is the canonical COER encoding of the signer's certificate, or
/// the empty string for self-signed data; ECDSA (FIPS 186-4) then signs SHA-256(Data input).
/// Certificates are signed the same way with ToBeSignedCertificate and the issuer's certificate.
/// 1609.2-2022 §5.3.1 (SM2): the same data input built with SM3 is the message M of GB/T 32918.2,
/// signed as e = SM3(Z_A ‖ M) with the default user identifier (see <see cref="Sm2.DefaultUserId"/>).
/// </remarks>
public static class SignatureInput
{
    /// <summary>The hash algorithm paired with a signature algorithm (1609.2 §5.3.1: SHA-256 for the 256-bit ECDSA curves, SM3 for SM2).</summary>
    public static HashAlgorithm HashFor(SignatureAlgorithm algorithm) =>
        algorithm == SignatureAlgorithm.Sm2 ? HashAlgorithm.Sm3 : HashAlgorithm.Sha256;

    /// <summary>Hash(signer identifier input) of a signer certificate's canonical encoding, or of the empty string.</summary>
    public static byte[] SignerHash(HashAlgorithm hash, ReadOnlySpan<byte> signerCertificateCanonical) =>
        Hashing.Hash(hash, signerCertificateCanonical);

    /// <summary>
    /// Computes the 32-octet digest that <see cref="ISignatureKey.SignDigest"/> signs and
    /// <see cref="VerificationKey.VerifyDigest"/> checks.
    /// </summary>
    /// <param name="algorithm">The signature algorithm.</param>
    /// <param name="toBeSigned">The encoding of ToBeSignedData or ToBeSignedCertificate.</param>
    /// <param name="signerHash">Hash of the signer's canonical certificate (or of the empty string), 32 octets.</param>
    /// <param name="sm2Z">For SM2: Z_A of the signer's key; ignored otherwise.</param>
    /// <param name="digest">Receives the 32-octet digest.</param>
    public static void ComputeDigest(SignatureAlgorithm algorithm, ReadOnlySpan<byte> toBeSigned, ReadOnlySpan<byte> signerHash,
        ReadOnlySpan<byte> sm2Z, Span<byte> digest)
    {
        var hash = HashFor(algorithm);
        if (signerHash.Length != 32 || digest.Length != 32)
        {
            throw new ArgumentException("signer hash and digest are 32 octets");
        }

        Span<byte> dataInput = stackalloc byte[64];
        Hashing.Hash(hash, toBeSigned, dataInput[..32]);
        signerHash.CopyTo(dataInput[32..]);
        if (algorithm == SignatureAlgorithm.Sm2)
        {
            if (sm2Z.Length != 32)
            {
                throw new ArgumentException("SM2 needs Z_A of the signer's key", nameof(sm2Z));
            }

            Sm2.ComputeE(sm2Z, dataInput, digest);
            return;
        }

        Hashing.Hash(hash, dataInput, digest);
    }
}
