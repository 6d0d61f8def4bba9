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

    /// <summary>The connecting process's credentials (SO_PEERCRED uid and gid) are not allowed; sent unasked (request id 0), then the connection is closed.</summary>
    PeerNotAllowed = 5,

    /// <summary>No connection slot for this peer (its process's or user's share is taken, or the rest is kept for the station's application); sent unasked, then closed.</summary>
    Busy = 6,

    /// <summary>The connection sent no request within the idle timeout; sent unasked, then closed.</summary>
    IdleTimeout = 7,

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

    /// <summary>A message to be signed under a PSID that is no message service: the IDF (0x1E) or OEM (0x1D) PSID, or one outside the BTP port table.</summary>
    NotAMessagePsid = 17,
    /// <summary>The application has not announced its start (TriggerCheck ApplicationStart), so it has not been measured: nothing is signed for it.</summary>
    ApplicationNotStarted = 18,

    /// <summary>The posture response does not verify, is stale, or answers another request.</summary>
    PostureRejected = 20,

    /// <summary>The key store failed.</summary>
    KeyStoreFailure = 30,

    /// <summary>Durable storage failed.</summary>
    StorageFailure = 31,

    /// <summary>The partition failed in a way it did not foresee; the connection is closed, the partition keeps serving others.</summary>
    Internal = 99,
}
