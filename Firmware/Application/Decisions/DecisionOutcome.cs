namespace Firmware.Application.Decisions;

/// <summary>A decision and the table row that gave it.</summary>
public readonly record struct DecisionOutcome(DecisionRow Row, TrustDecision Decision);
