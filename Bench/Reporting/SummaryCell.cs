namespace Bench.Reporting;

/// <summary>One receiver's decisions about one sender in one phase.</summary>
public sealed record SummaryCell(
    string Receiver,
    string Sender,
    SenderKind Kind,
    DemoPhase Phase,
    int Frames,
    int Act,
    int ActWithCaution,
    int PrepareOnly,
    int Discard,
    int Rejected,
    IReadOnlyDictionary<string, int> Rows,
    IReadOnlyDictionary<string, int> RejectReasons);
