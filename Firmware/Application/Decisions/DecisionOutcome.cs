namespace Firmware.Application.Decisions;

/// <summary>A decision, the table row that gave it, and the posture row that lowered it (or <see cref="PostureRow.None"/>).</summary>
public readonly record struct DecisionOutcome(DecisionRow Row, TrustDecision Decision, PostureRow Posture = PostureRow.None);
