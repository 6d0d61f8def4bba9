namespace Firmware.Application.Decisions;

/// <summary>
/// The rows of the posture rule (Docs/trust-decisions.md, "The posture rule"): applied after the decision table to a
/// message whose report carries a posture grade (patent ¶204-216), each only ever lowering the table's decision. The
/// number is the row number in the document.
/// </summary>
public enum PostureRow
{
    /// <summary>No posture row applies (no report, or a posture within the receiver's bounds).</summary>
    None = 0,

    /// <summary>P1. The sender has a known unpatched weakness rated critical (CVSS v3.1 9.0-10.0).</summary>
    CriticalWeakness = 1,

    /// <summary>P2. The sender has a known unpatched weakness rated high (CVSS v3.1 7.0-8.9).</summary>
    HighWeakness = 2,

    /// <summary>P3. The sender's posture is out of date: its last successful posture poll is older than the receiver's limit.</summary>
    PostureOutOfDate = 3,

    /// <summary>P4. The sender's V2X application or IDF is not at its latest version.</summary>
    SoftwareNotCurrent = 4,

    /// <summary>P5. The sender's partition holds no posture at all (never polled).</summary>
    NotAssessed = 5,
}
