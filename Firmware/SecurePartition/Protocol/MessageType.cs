namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Message types of protocol version 1 (Docs/secure-partition.md, "Protocol"). A response has
/// the request's type with bit 7 set; <see cref="Error"/> answers any request that failed.
/// </summary>
public enum MessageType : byte
{
    /// <summary>Protocol version, limits and board name.</summary>
    Hello = 0x01,

    /// <summary>Augment-and-sign a message.</summary>
    AugmentAndSign = 0x02,

    /// <summary>The compact report, optionally with the detailed one.</summary>
    GetReport = 0x03,

    /// <summary>Run a full scan for a trigger the application saw.</summary>
    TriggerCheck = 0x04,

    /// <summary>The posture of the installed versions.</summary>
    GetPosture = 0x05,

    /// <summary>A new posture request for the posture server.</summary>
    CreatePostureRequest = 0x06,

    /// <summary>Hand in the OEM-signed posture response.</summary>
    InstallPostureResponse = 0x07,

    /// <summary>Detailed reports from the black box after a sequence (upstream forwarding).</summary>
    ReadReports = 0x08,

    /// <summary>Deploy indicator deny rules from the sharing community (format 1, Policy/IndicatorRuleCodec).</summary>
    UpdateIndicatorRules = 0x09,

    /// <summary>The deployed indicator deny rules and their revision.</summary>
    ListIndicatorRules = 0x0A,

    /// <summary>Sign the digest of an upstream envelope with the active AT under the upstream-summary PSID (0x0D) only.</summary>
    SignUpstreamSummary = 0x0B,

    /// <summary>Generate an AT key pair; answers its slot and public key.</summary>
    GenerateTicketKey = 0x10,

    /// <summary>Install an AT certificate into a slot.</summary>
    InstallTicket = 0x11,

    /// <summary>Change pseudonym (activate the next AT).</summary>
    ChangePseudonym = 0x12,

    /// <summary>Generate the enrolment key pair.</summary>
    GenerateEnrolmentKey = 0x13,

    /// <summary>Install the enrolment credential.</summary>
    InstallEnrolmentCredential = 0x14,

    /// <summary>Sign an enrolment or authorization request as 1609.2 signed data.</summary>
    SignProvisioningRequest = 0x15,

    /// <summary>The canonical public key.</summary>
    GetCanonicalKey = 0x16,

    /// <summary>Sign a misbehaviour report with the active ticket: the partition's own anomaly report, or a receiver's observation (Docs/misbehaviour.md).</summary>
    SignMisbehaviourReport = 0x17,

    /// <summary>Retire a ticket found on a CRL (patent ¶167): its key deleted, the next ticket active.</summary>
    RetireTicket = 0x18,

    /// <summary>The installed tickets: slot, whether active, certificate.</summary>
    ListTickets = 0x19,

    /// <summary>An error answer: u16 code, text message.</summary>
    Error = 0x7F,
}
