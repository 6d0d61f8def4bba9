namespace PkiProtocol;

/// <summary>Why the PKI refused a request or a message from outside.</summary>
public enum PkiFailure
{
    /// <summary>Not a canonical encoding of the expected type (a DecodeException underneath).</summary>
    Malformed,

    /// <summary>A body larger than the service accepts.</summary>
    TooLarge,

    /// <summary>Not the media type the endpoint takes.</summary>
    WrongMediaType,

    /// <summary>Encrypted for someone else, with an unsupported algorithm, or tampered (tag mismatch).</summary>
    Undecryptable,

    /// <summary>Not the content type the endpoint takes (for example signed where encrypted is required).</summary>
    WrongContent,

    /// <summary>A signature does not verify.</summary>
    BadSignature,

    /// <summary>The signer is not known (an unknown certificate digest, an unknown EA or AA).</summary>
    UnknownSigner,

    /// <summary>The station or canonical identifier is not registered.</summary>
    UnknownStation,

    /// <summary>The station is blocked, or runs an IDF implementation found compromised.</summary>
    StationRevoked,

    /// <summary>A certificate in the request is revoked.</summary>
    CertificateRevoked,

    /// <summary>A certificate in the request is expired or not yet valid.</summary>
    CertificateExpired,

    /// <summary>The generation time is too far from the server's clock.</summary>
    OutOfSync,

    /// <summary>keyTag does not match the public keys and hmacKey (TS 102 941 v1.4.1 §6.2.3.3.1).</summary>
    KeysDontMatch,

    /// <summary>The request names another EA, or the AA is not the one of the station's model.</summary>
    WrongAuthority,

    /// <summary>The requested permissions or validity are not granted.</summary>
    DeniedPermissions,

    /// <summary>A certificate chain does not lead to the trusted root, or breaks a rule of its issuer.</summary>
    ChainInvalid,

    /// <summary>
    /// A certificate of the chain verifies only over its encoding as sent, not the canonical one IEEE 1609.2 §6.4.3
    /// defines (an issuer named by the hash of a non-canonical encoding, a signature over it): refused unless the
    /// validator was built to accept as-sent hashing.
    /// </summary>
    NonCanonicalCertificate,
}
