namespace Bench.Report;

/// <summary>An OBU's running counters, sampled once a second of a run: signature verifications so far.</summary>
public sealed record LoadSample(int Second, string Obu, long Verifications);
