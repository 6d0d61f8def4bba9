namespace Bench.Reporting;

/// <summary>The attacker's replays.</summary>
public sealed record ReplaySummary(long Heard, long ExactSent, long AlteredSent, IReadOnlyList<ReplaysAtReceiver> AtReceivers);
