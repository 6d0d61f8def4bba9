namespace V2x.Security.Signing;

/// <summary>How a signed SPDU names its signer (IEEE 1609.2 SignerIdentifier; ETSI TS 103 097 §7.1.1:
/// a CAM carries the certificate about once a second and the digest otherwise).</summary>
public enum SignerChoice
{
    Digest,
    Certificate,
    Self,
}
