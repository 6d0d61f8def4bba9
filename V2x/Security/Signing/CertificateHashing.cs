namespace V2x.Security.Signing;

/// <summary>
/// Over which encoding a certificate is hashed (its HashedId8, and the signer input of the certificates it
/// issues) and its own signature verified.
/// </summary>
public enum CertificateHashing
{
    /// <summary>
    /// IEEE 1609.2-2016 §6.4.3 and §5.3.1: the canonical encoding (public keys compressed, rSig x-only), so a
    /// certificate's identity does not depend on how it was sent. What this project writes and checks.
    /// </summary>
    Canonical = 0,

    /// <summary>
    /// The encoding as received, uncompressed keys and all: what some deployed stacks hash (riebl/vanetza writes
    /// its AA with an uncompressed key and names it by the hash of those octets, Docs/interop.md). Not IEEE
    /// 1609.2; a receiver accepts it only when configured to (never because a message asks).
    /// </summary>
    AsSent = 1,
}
