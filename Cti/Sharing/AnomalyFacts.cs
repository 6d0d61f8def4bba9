namespace Cti.Sharing;

/// <summary>
/// What an anomaly summary says, read back from its <see cref="AnomalyExtension"/> property
/// extension (the hub merges and values summaries from these facts).
/// </summary>
public sealed record AnomalyFacts(
    string Signature,
    string VehiclePseudonym,
    string Make,
    string Model,
    string FirmwareVersion,
    string? Supplier,
    string? Ecu,
    string Detector,
    string AnomalyClass,
    AnomalySeverity Severity,
    X1371ThreatType ThreatType,
    CoarseLocation? Location,
    string? Evidence);
