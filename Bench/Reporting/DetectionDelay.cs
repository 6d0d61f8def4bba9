namespace Bench.Reporting;

/// <summary>The tampered OBU at one receiver: the first mitigation decision and how long after the tamper it came.</summary>
public sealed record DetectionDelay(string Receiver, DateTimeOffset? FirstMitigationAt, double? DelayMs, string? Decision, string? Row, int ActAfterMitigation);
