namespace PkiProtocol.Messages;

/// <summary>ETSI TS 102 941 v1.4.1 EnrolmentResponseCode (EtsiTs102941TypesEnrolment), in value order.</summary>
public enum EnrolmentResponseCode
{
    Ok = 0,
    CantParse,
    BadContentType,
    ImNotTheRecipient,
    UnknownEncryptionAlgorithm,
    DecryptionFailed,
    UnknownIts,
    InvalidSignature,
    InvalidEncryptionKey,
    BadItsStatus,
    IncompleteRequest,
    DeniedPermissions,
    InvalidKeys,
    DeniedRequest,
}
