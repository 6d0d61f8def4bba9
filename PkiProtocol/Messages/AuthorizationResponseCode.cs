namespace PkiProtocol.Messages;

/// <summary>ETSI TS 102 941 v1.4.1 AuthorizationResponseCode (EtsiTs102941TypesAuthorization), in value order.</summary>
public enum AuthorizationResponseCode
{
    Ok = 0,
    ItsAaCantParse,
    ItsAaBadContentType,
    ItsAaImNotTheRecipient,
    ItsAaUnknownEncryptionAlgorithm,
    ItsAaDecryptionFailed,
    ItsAaKeysDontMatch,
    ItsAaIncompleteRequest,
    ItsAaInvalidEncryptionKey,
    ItsAaOutOfSyncRequest,
    ItsAaUnknownEa,
    ItsAaInvalidEa,
    ItsAaDeniedPermissions,
    AaEaCantReachEa,
    EaAaCantParse,
    EaAaBadContentType,
    EaAaImNotTheRecipient,
    EaAaUnknownEncryptionAlgorithm,
    EaAaDecryptionFailed,
    InvalidAa,
    InvalidAaSignature,
    WrongEa,
    UnknownIts,
    InvalidSignature,
    InvalidEncryptionKey,
    DeniedPermissions,
    DeniedTooManyCerts,
}
