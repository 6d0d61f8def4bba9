namespace V2x.Integrity;

/// <summary>Worst known unpatched weakness in the posture grade (CVSS v3.1 §5 ratings).</summary>
public enum PostureSeverity : byte
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
    NotAssessed = 7,
}
