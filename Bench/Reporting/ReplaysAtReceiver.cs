namespace Bench.Reporting;

/// <summary>One kind of replay at one receiver.</summary>
public sealed record ReplaysAtReceiver(string Receiver, SenderKind Kind, int Received, int Rejected, int Accepted, IReadOnlyDictionary<string, int> Reasons);
