namespace Firmware.Application.Trust;

/// <summary>Why a certificate is not trusted.</summary>
public enum TrustFailure
{
    /// <summary>Its issuer is neither the trusted root nor a CA certificate validated under it.</summary>
    UnknownIssuer,

    /// <summary>The chain to the root is broken: a signature, a permission, a nesting or a length rule fails (IEEE 1609.2-2016 §5.1.2).</summary>
    ChainInvalid,

    /// <summary>A certificate of the chain is not valid at the time asked.</summary>
    NotValidAtTime,

    /// <summary>Not a certificate this receiver can use (implicit, no verification key, a key off its curve).</summary>
    Unusable,

    /// <summary>
    /// A certificate of the chain verifies only over its encoding as sent, not the canonical one (IEEE 1609.2-2016
    /// §6.4.3), and this receiver's policy does not accept chains hashed as sent (Docs/trust-decisions.md).
    /// </summary>
    NotCanonical,
}
