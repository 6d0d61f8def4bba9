namespace V2x.Integrity;

/// <summary>
/// Overall result of the integrity-detection function, ordered from best to worst (patent ¶120-127:
/// "no anomaly / anomaly / high anomaly", and "compromise detected").
/// </summary>
public enum IntegrityLevel
{
    NoAnomaly = 0,
    Anomaly = 1,
    HighAnomaly = 2,
    Compromised = 3,
}
