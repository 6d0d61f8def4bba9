namespace Hardware.Hmi;

/// <summary>How serious an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Information.</summary>
    Info,

    /// <summary>Warning: attention needed.</summary>
    Warning,

    /// <summary>Critical: act now.</summary>
    Critical,
}
