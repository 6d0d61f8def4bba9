namespace Bench.Report;

/// <summary>Decisions in one second of the run.</summary>
public sealed record RateSecond(int Second, int Decided, int Accepted, int Rejected);
