namespace Bench.Reporting;

/// <summary>What one station sent.</summary>
public sealed record StationSent(string Station, long Transmitted, long Withheld, long DenmTriggers);
