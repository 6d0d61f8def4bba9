namespace Firmware.Upstream.Desensitising;

/// <summary>A summary the leak check stopped: what it was about and what was found where (never the values).</summary>
/// <param name="Detector">Detector name.</param>
/// <param name="AnomalyClass">Anomaly class.</param>
/// <param name="Findings">What was found, and where.</param>
public sealed record BlockedSummary(string Detector, string AnomalyClass, IReadOnlyList<LeakFinding> Findings);
