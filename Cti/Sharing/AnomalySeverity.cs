namespace Cti.Sharing;

/// <summary>
/// The graded result of an integrity check that found something (patent paragraphs 120-127:
/// "anomaly / high anomaly", "anomaly, compromise unclear / compromise detected").
/// </summary>
public enum AnomalySeverity
{
    /// <summary>Outside the expected operating range; compromise unclear.</summary>
    Anomaly,

    /// <summary>Far outside the expected range.</summary>
    HighAnomaly,

    /// <summary>Compromise detected.</summary>
    Compromise,
}
