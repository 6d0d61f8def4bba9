namespace Bench.Reporting;

/// <summary>The legacy station at one receiver.</summary>
public sealed record LegacyAtReceiver(string Receiver, int Accepted, int Rejected, IReadOnlyDictionary<string, int> Rows, IReadOnlyDictionary<string, int> Decisions);
