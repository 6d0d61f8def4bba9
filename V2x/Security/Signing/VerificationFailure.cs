namespace V2x.Security.Signing;

/// <summary>Why a well-formed SPDU or certificate failed verification.</summary>
public enum VerificationFailure
{
    /// <summary>Verified.</summary>
    None = 0,

    /// <summary>The signature does not match the signed data and key (IEEE 1609.2 §5.3.1).</summary>
    BadSignature,

    /// <summary>An algorithm this verifier does not implement (implicit certificates, 384-bit curves).</summary>
    UnsupportedAlgorithm,

    /// <summary>The signature algorithm, hash algorithm or issuer does not match the key that should have signed.</summary>
    KeyMismatch,

    /// <summary>The signer is a digest of a certificate this verifier has not seen.</summary>
    UnknownSigner,

    /// <summary>The signer certificate's issuer is not a trusted certificate.</summary>
    UnknownIssuer,

    /// <summary>The signer certificate's own signature by its issuer is wrong.</summary>
    BadCertificateSignature,

    /// <summary>The verification key is not a point of its curve.</summary>
    InvalidKey,

    /// <summary>The signer certificate's appPermissions do not include the SPDU's PSID (1609.2 §5.2.4).</summary>
    PsidNotPermitted,

    /// <summary>The SPDU is not signed data, or its signer form is not supported (self, several certificates).</summary>
    NotSigned,

    /// <summary>
    /// The SPDU's PSID is not the one of the service its payload is addressed to (a CAM on BTP port 2001
    /// is signed under PSID 36, a DENM on port 2002 under PSID 37; ETSI TS 103 097 v2.1.1 §7.1).
    /// </summary>
    PsidMismatch,
}
