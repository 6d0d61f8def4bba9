using Firmware.Application.Decisions;

namespace Bench.Reporting;

/// <summary>The OBU whose posture turns critical, at one receiver.</summary>
/// <param name="Receiver">The receiving OBU.</param>
/// <param name="ActBefore">Its frames accepted with full trust (Act) before the advisory.</param>
/// <param name="FirstCriticalAfterMs">Milliseconds from the advisory to the first accepted frame whose report carries the critical grade, or null.</param>
/// <param name="Decision">The decision about that frame.</param>
/// <param name="Row">The posture rule's row that lowered it (P1 CriticalWeakness expected).</param>
/// <param name="ActAfter">Frames acted on fully (Act) after that first critical frame (expected none).</param>
/// <param name="LoweredAfter">Frames after it whose decision the posture rule lowered.</param>
public sealed record PostureAtReceiver(string Receiver, int ActBefore, double? FirstCriticalAfterMs, TrustDecision? Decision, PostureRow? Row, int ActAfter, int LoweredAfter);
