namespace Bench.Report;

/// <summary>What one station sent: frames on the radio, messages withheld (option 1), frames per second over the run.</summary>
public sealed record StationRate(string Station, long Transmitted, long Withheld, double PerSecond);
