namespace Firmware.Nano.Integrity;

/// <summary>Worst known unpatched weakness in the posture grade (CVSS v3.1 §5 ratings); as <c>V2x.Integrity.PostureSeverity</c>.</summary>
public enum PostureSeverity : byte
{
    /// <summary>None known.</summary>
    None = 0,

    /// <summary>Low (0.1-3.9).</summary>
    Low = 1,

    /// <summary>Medium (4.0-6.9).</summary>
    Medium = 2,

    /// <summary>High (7.0-8.9).</summary>
    High = 3,

    /// <summary>Critical (9.0-10.0).</summary>
    Critical = 4,

    /// <summary>Not assessed.</summary>
    NotAssessed = 7,
}
