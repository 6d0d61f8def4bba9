namespace Bench.Report;

/// <summary>Decisions about one sender in one second of the run with one outcome.</summary>
public sealed record SenderSecond(string Sender, int Second, string Outcome, int Count);
