namespace Bench.Reporting;

/// <summary>
/// The tampered OBU at one receiver: the first mitigation decision (tampered firmware: the first Discard) and how long after
/// the tamper it came; <c>ActAfterMitigation</c>: its messages decided Act after it (tampered firmware: anything but Discard).
/// </summary>
public sealed record DetectionDelay(string Receiver, DateTimeOffset? FirstMitigationAt, double? DelayMs, string? Decision, string? Row, int ActAfterMitigation);
