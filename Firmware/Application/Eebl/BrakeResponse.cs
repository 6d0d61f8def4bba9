namespace Firmware.Application.Eebl;

/// <summary>How the vehicle's brakes answer an emergency-brake warning (patent ¶179-182).</summary>
public enum BrakeResponse
{
    /// <summary>No brake action.</summary>
    None = 0,

    /// <summary>Pre-charge the brakes only (¶182: a graded anomaly, the more cautious the higher).</summary>
    PreChargeOnly = 1,

    /// <summary>Brake softly while waiting for corroboration (¶180: report missing or anomalous).</summary>
    Soft = 2,

    /// <summary>Brake hard (¶179: "no anomaly" from an assured IDF).</summary>
    Full = 3,
}
