namespace Bench.Report;

/// <summary>
/// What the receiver did with one kind of frame in a flood run (<c>Bench flood</c>): how many were sent, decided,
/// accepted and rejected, and the decisions by reason (<c>None</c>: accepted).
/// </summary>
public sealed record FloodOutcome(string Kind, long Sent, long Decided, long Accepted, long Rejected, IReadOnlyDictionary<string, long> Reasons);
