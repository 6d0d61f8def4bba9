namespace Firmware.Application.Receiving;

/// <summary>The typed reason of a stage's outcome.</summary>
public enum ReceiveReason
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Decode: malformed at some layer (the detail names the field).</summary>
    Malformed,

    /// <summary>Decode: not a signed secured packet (fail closed: ETSI TS 103 097 v2.1.1 §5.1).</summary>
    NotSigned,

    /// <summary>Decode: the PSID is not the one of the BTP port's service, or the packet has no BTP-B port (TS 103 097 v2.1.1 §7.1; V2x PortPsidTable).</summary>
    PsidPortMismatch,

    /// <summary>Decode: the BTP destination port is not in the port table (TS 103 248 ports with a TS 102 965 ITS-AID).</summary>
    UnknownPort,

    /// <summary>
    /// Decode: the station's own message reflected back (signed by one of its recent tickets, or from its own GN
    /// address), whatever the Ethernet source says (EN 302 636-4-1 §10.2.1.5; <see cref="OwnMessages"/>).
    /// </summary>
    OwnMessage,

    /// <summary>Decode: no generationTime in the signed HeaderInfo (TS 103 097 v2.1.1 §7.1.1, §7.1.2 require it).</summary>
    MissingGenerationTime,

    /// <summary>Decode: the message carries two integrity reports, in HeaderInfo and in the CAM/DENM, that differ (Docs/formats.md §3.8).</summary>
    ReportsDisagree,

    /// <summary>Signer: signer self or a chain of certificates, which ITS messages do not use (TS 103 097 v2.1.1 §7.1).</summary>
    UnsupportedSigner,

    /// <summary>Signer: the certificate of this digest did not arrive within the wait (or could not be fetched).</summary>
    UnknownSigner,

    /// <summary>Signer: the certificate's issuer is not a trusted CA and could not be fetched in time.</summary>
    UnknownIssuer,

    /// <summary>Signer: the wait queue for unknown certificates is full.</summary>
    WaitQueueFull,

    /// <summary>Signer: the chain to the root does not validate.</summary>
    ChainInvalid,

    /// <summary>Signer: the ticket is not valid at the message's generation time.</summary>
    CertificateNotValid,

    /// <summary>Signer: the message was generated outside the ticket's region.</summary>
    OutsideRegion,

    /// <summary>Signer: the certificate cannot be used (implicit, bad key, malformed IDF permission).</summary>
    UnusableCertificate,

    /// <summary>Revocation: the ticket or a CA of its chain is on a CRL.</summary>
    Revoked,

    /// <summary>Revocation: the CRL of a CA of the chain is missing or past its nextUpdate (fail closed).</summary>
    CrlNotCurrent,

    /// <summary>Permissions: the ticket's appPermissions do not include the PSID.</summary>
    PsidNotPermitted,

    /// <summary>Permissions: the SSP does not permit this content (EN 302 637-2/-3 SSP).</summary>
    SspNotPermitted,

    /// <summary>Freshness: generated longer ago than the PSID's window allows.</summary>
    Stale,

    /// <summary>Freshness: generated further ahead of the receiver's clock than allowed.</summary>
    FromTheFuture,

    /// <summary>Freshness: past its expiryTime, or a DENM past its validity.</summary>
    Expired,

    /// <summary>Replay: the same generation time and signature were accepted already.</summary>
    Duplicate,

    /// <summary>Replay: the sender's counter window has this counter already.</summary>
    CounterReplayed,

    /// <summary>Replay: the counter is further behind than the window reaches.</summary>
    CounterTooOld,

    /// <summary>Signature: it does not verify (or the algorithm does not match the key).</summary>
    BadSignature,

    /// <summary>Assurance: the IDF permission's SSP is malformed.</summary>
    MalformedAssurance,

    /// <summary>Assurance: the report contradicts the message (time) or itself (level against detectors).</summary>
    ReportInconsistent,

    /// <summary>Deferred: waiting for a certificate.</summary>
    AwaitingCertificate,

    /// <summary>Signature: not verified, because the ticket is backed off after bad signatures and this frame was not sampled.</summary>
    BackedOff,

    /// <summary>Signer: shed by the bounded receive queue under load (an exact copy arriving later is a duplicate).</summary>
    QueueFull,

    /// <summary>
    /// Freshness (relevance of the place): a single-hop packet whose signed source position is farther from the receiver
    /// than <see cref="ReceiverOptions.MaxSingleHopDistanceMetres"/>: relayed, not heard from its sender.
    /// </summary>
    TooFar,

    /// <summary>
    /// Replay: a CAM generated before the newest CAM accepted from the same ticket (a sender's CAMs leave in order on one
    /// channel, EN 302 637-2 §6.1.3; an older one is a delayed copy and no longer the vehicle's state).
    /// </summary>
    Superseded,
}
