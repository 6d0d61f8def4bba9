namespace Bench.Reporting;

/// <summary>
/// One anomaly as the hub merged it (X.1382 Appendix II e; Docs/community.md "Merging"): summaries with one
/// signature become one indicator and one sighting whose count is the number of reports.
/// </summary>
/// <param name="Signature">The anomaly signature.</param>
/// <param name="ThreatType">Its X.1371 threat type.</param>
/// <param name="AnomalyClass">Its anomaly class (process-unexpected, …).</param>
/// <param name="Summaries">Summaries with this signature the hub holds.</param>
/// <param name="Indicator">Whether the hub built an indicator for it.</param>
/// <param name="SightingCount">The merged sighting's count (reports), or null without a sighting.</param>
/// <param name="Vehicles">Distinct vehicles the hub counted, or null without a sighting.</param>
public sealed record MergedAnomaly(string Signature, string? ThreatType, string? AnomalyClass, int Summaries, bool Indicator, int? SightingCount, int? Vehicles);
