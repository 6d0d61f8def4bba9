namespace Bench.Reporting;

/// <summary>What the sharing-community hub held at the end of the run, as the CERT analyst reads it.</summary>
/// <param name="ApiRoot">The hub's TAXII 2.1 API root.</param>
/// <param name="Collection">The anomalies collection's id.</param>
/// <param name="Database">The hub's SQLite file.</param>
/// <param name="ObjectsByType">Objects in the collection by STIX type (latest versions).</param>
/// <param name="SummariesByThreatType">Anomaly summaries (observed-data) by X.1371 threat type.</param>
/// <param name="TamperedObu">The tampered OBU.</param>
/// <param name="TamperedPosted">Summaries of the tampered OBU the hub acknowledged.</param>
/// <param name="TamperedHeld">Of those, the ones the hub holds.</param>
/// <param name="OthersPosted">Summaries of the other OBUs the hub acknowledged.</param>
/// <param name="TamperedAnomalies">The hub's merged indicator and sighting of each anomaly the tampered OBU reported.</param>
/// <param name="FirstSummaryAfterMs">From the tamper to the hub's first acknowledgement of a summary of the tampered OBU.</param>
public sealed record HubSummary(
    string ApiRoot,
    string Collection,
    string Database,
    IReadOnlyDictionary<string, int> ObjectsByType,
    IReadOnlyDictionary<string, int> SummariesByThreatType,
    string TamperedObu,
    int TamperedPosted,
    int TamperedHeld,
    int OthersPosted,
    IReadOnlyList<MergedAnomaly> TamperedAnomalies,
    double? FirstSummaryAfterMs);
