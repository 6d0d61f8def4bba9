using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Security;
using V2x.Integrity;

namespace Bench.Reporting;

/// <summary>One final decision of one receiver about one frame (deferrals are not entries; their outcome is).</summary>
/// <param name="Receiver">The receiving OBU.</param>
/// <param name="Sender">Who sent the frame on the radio (by its source endpoint: unauthenticated, for the bench's books only).</param>
/// <param name="Kind">What the sender is.</param>
/// <param name="Phase">The phase the frame arrived in.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="DecidedAt">When the receiver decided.</param>
/// <param name="Message">CAM, DENM or the PSID.</param>
/// <param name="Outcome">Accepted or rejected.</param>
/// <param name="Decision">How far the receiver acts (Discard for a rejected frame).</param>
/// <param name="Row">The decision table row of an accepted frame.</param>
/// <param name="Stage">The stage that decided.</param>
/// <param name="Reason">Why a frame was rejected.</param>
/// <param name="ReportLevel">The report's level, when the frame carried one.</param>
/// <param name="Posture">The posture rule's row that lowered the decision (None when none did; Docs/posture.md).</param>
/// <param name="PostureGrade">The severity of the posture grade in the frame's report, when it carried one.</param>
/// <param name="Signer">The signer's ticket (HashedId8), once the receiver resolved it.</param>
/// <param name="Counter">The report's message counter, when the frame carried a report.</param>
/// <param name="Unverified">Accepted without its signature verified (verify-on-demand: an awareness-only CAM of a cached ticket, marked; Docs/trust-decisions.md).</param>
/// <param name="LatencyMs">From the frame's arrival to its decision in the host's time, ms (ReceiveResult.Arrival on the receivers' default arrival clock; null: not stamped). <see cref="DecidedAt"/> − <see cref="ReceivedAt"/> is on the run's clock, which SUMO moves in steps.</param>
public sealed record LedgerEntry(
    string Receiver,
    string Sender,
    SenderKind Kind,
    DemoPhase Phase,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DecidedAt,
    string Message,
    ReceiveOutcome Outcome,
    TrustDecision Decision,
    DecisionRow? Row,
    ReceiveStage Stage,
    ReceiveReason Reason,
    IntegrityLevel? ReportLevel,
    PostureRow Posture = PostureRow.None,
    PostureSeverity? PostureGrade = null,
    HashedId8? Signer = null,
    uint? Counter = null,
    bool Unverified = false,
    double? LatencyMs = null)
{
    /// <summary>True for an accepted frame whose decision is below full trust (the tampered OBU's expected fate).</summary>
    public bool IsMitigation => Outcome == ReceiveOutcome.Accepted && Decision != TrustDecision.Act;
}
