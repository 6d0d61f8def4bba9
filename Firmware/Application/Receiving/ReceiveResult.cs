using Firmware.Application.Decisions;
using V2x.Integrity;
using V2x.Security;
using V2x.Stack;

namespace Firmware.Application.Receiving;

/// <summary>
/// One decision of the receive pipeline, with its reasons: what happened to the frame, at which stage,
/// why, and (when it was accepted) how far to act on it and the frame itself. Every result goes to the
/// structured log, the recent-decisions feed and the <see cref="ReceivePipeline.Decided"/> event.
/// </summary>
public sealed record ReceiveResult
{
    /// <summary>When the pipeline decided (receiver clock).</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>When the frame arrived (a deferred frame is decided later).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Which node the radio medium says sent it (unauthenticated: for display only).</summary>
    public string Source { get; init; } = "";

    /// <summary>Accepted, rejected or deferred.</summary>
    public required ReceiveOutcome Outcome { get; init; }

    /// <summary>The stage that decided (<see cref="ReceiveStage.Decision"/> for an accepted frame).</summary>
    public required ReceiveStage Stage { get; init; }

    /// <summary>Why (<see cref="ReceiveReason.None"/> for an accepted frame).</summary>
    public required ReceiveReason Reason { get; init; }

    /// <summary>A human-readable detail of the reason.</summary>
    public string Detail { get; init; } = "";

    /// <summary>How far to act: the decision table's for an accepted frame, <see cref="TrustDecision.Discard"/> for a rejected one, null while deferred.</summary>
    public TrustDecision? Decision { get; init; }

    /// <summary>The decision table row of an accepted frame.</summary>
    public DecisionRow? Row { get; init; }

    /// <summary>The posture row that lowered the decision of an accepted frame (<see cref="PostureRow.None"/> when none did).</summary>
    public PostureRow Posture { get; init; }

    /// <summary>The signer's HashedId8 (the ticket), when the frame got that far.</summary>
    public HashedId8? Signer { get; init; }

    /// <summary>The PSID of the signed HeaderInfo, when decoded.</summary>
    public Psid? Psid { get; init; }

    /// <summary>The CAM's or DENM's station ID, when decoded (unauthenticated before acceptance).</summary>
    public uint? StationId { get; init; }

    /// <summary>The signed generation time, when decoded.</summary>
    public DateTimeOffset? GenerationTime { get; init; }

    /// <summary>The report's level, when the frame carries a report.</summary>
    public IntegrityLevel? ReportLevel { get; init; }

    /// <summary>The report's message counter, when the frame carries a report.</summary>
    public uint? Counter { get; init; }

    /// <summary>The ticket's IDF assurance level, when the signer was resolved and holds the permission.</summary>
    public byte? Assurance { get; init; }

    /// <summary>The signer's chain verified only hashed as sent, which this receiver's policy accepts (Docs/trust-decisions.md).</summary>
    public bool ChainHashedAsSent { get; init; }

    /// <summary>The frame, every layer of it, for an accepted frame only.</summary>
    public ReceivedFrame? Frame { get; init; }

    /// <summary>
    /// True for an accepted awareness-only message (a CAM) decided under verify-on-demand without its signature
    /// verified: it may feed awareness, never an action (Docs/trust-decisions.md, "Under load"). False otherwise.
    /// </summary>
    public bool Unverified { get; init; }

    /// <summary>
    /// When the frame arrived, as a timestamp of <see cref="ReceiverOptions.ArrivalClock"/> (0: not known): with
    /// <see cref="TimeProvider.GetElapsedTime(long)"/> at the decision, the frame's time from arrival to decision in the
    /// host's time (the SUMO bench's flood figures; the receiver's own clock may be a simulation's, in steps).
    /// </summary>
    public long Arrival { get; init; }

    /// <summary>True for the first accepted frame of a ticket (a new neighbour, or a neighbour after its pseudonym change).</summary>
    public bool FirstFromSigner { get; init; }

    /// <summary>True for an accepted frame.</summary>
    public bool IsAccepted => Outcome == ReceiveOutcome.Accepted;
}
