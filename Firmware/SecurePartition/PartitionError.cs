namespace Firmware.SecurePartition;

/// <summary>Why the secure partition refused a request (the error codes of the protocol, Docs/secure-partition.md).</summary>
public enum PartitionError : ushort
{
    /// <summary>The frame or body does not decode, or a field is out of range.</summary>
    Malformed = 1,

    /// <summary>The frame is larger than the partition accepts.</summary>
    Oversized = 2,

    /// <summary>The protocol version is not supported.</summary>
    UnsupportedVersion = 3,

    /// <summary>The message type is unknown.</summary>
    UnknownType = 4,

    /// <summary>No authorization ticket is installed and active.</summary>
    NoAuthorizationTicket = 10,

    /// <summary>No key slot with that number.</summary>
    UnknownSlot = 11,

    /// <summary>The certificate does not carry the key it is installed for, or does not decode.</summary>
    CertificateMismatch = 12,

    /// <summary>No enrolment key or credential.</summary>
    NoEnrolmentCredential = 13,

    /// <summary>Every key slot is taken.</summary>
    NoFreeSlot = 14,

    /// <summary>No other ticket to change to.</summary>
    NoOtherTicket = 15,

    /// <summary>The application may not ask for this (for example a trigger only the partition raises).</summary>
    NotPermitted = 16,

    /// <summary>The application has not announced its start (TriggerCheck ApplicationStart), so it has not been measured: nothing is signed for it.</summary>
    ApplicationNotStarted = 17,

    /// <summary>The posture response does not verify, is stale, or answers another request.</summary>
    PostureRejected = 20,

    /// <summary>The key store failed.</summary>
    KeyStoreFailure = 30,

    /// <summary>Durable storage failed.</summary>
    StorageFailure = 31,

    /// <summary>The partition failed in a way it did not foresee; the connection is closed, the partition keeps serving others.</summary>
    Internal = 99,
}
