namespace Firmware.Nano.Integrity;

/// <summary>
/// Overall result of the integrity detection function, best to worst (patent ¶120-127); the same
/// values as <c>V2x.Integrity.IntegrityLevel</c> (the report's overallLevel ENUMERATED).
/// </summary>
public enum IntegrityLevel
{
    /// <summary>No anomaly.</summary>
    NoAnomaly = 0,

    /// <summary>Anomaly.</summary>
    Anomaly = 1,

    /// <summary>High anomaly.</summary>
    HighAnomaly = 2,

    /// <summary>Compromise detected.</summary>
    Compromised = 3,
}
