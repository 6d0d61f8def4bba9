namespace PkiProtocol.Messages;

/// <summary>ETSI TS 102 941 v1.4.1 AuthorizationValidationResponseCode (EtsiTs102941TypesAuthorizationValidation), in value order.</summary>
public enum AuthorizationValidationResponseCode
{
    Ok = 0,
    CantParse,
    BadContentType,
    ImNotTheRecipient,
    UnknownEncryptionAlgorithm,
    DecryptionFailed,
    InvalidAa,
    InvalidAaSignature,
    WrongEa,
    UnknownIts,
    InvalidSignature,
    InvalidEncryptionKey,
    DeniedPermissions,
    DeniedTooManyCerts,
    DeniedRequest,
}
