namespace Firmware.Application.Decisions;

/// <summary>
/// The rows of the decision table (Docs/trust-decisions.md), one per kind of sender and report. The
/// number is the row number in the document.
/// </summary>
public enum DecisionRow
{
    /// <summary>1. IDF assurance at least the minimum, report "no anomaly".</summary>
    AssuredNoAnomaly = 1,

    /// <summary>2. IDF assurance at least the minimum, report "anomaly".</summary>
    AssuredAnomaly = 2,

    /// <summary>3. IDF assurance at least the minimum, report "high anomaly".</summary>
    AssuredHighAnomaly = 3,

    /// <summary>4. IDF assurance at least the minimum, report "compromised".</summary>
    AssuredCompromised = 4,

    /// <summary>5. IDF assurance at least the minimum, no report in a message that need not carry one (a CAM under option 3).</summary>
    AssuredReportNotCarried = 5,

    /// <summary>6. A legacy sender: no IDF permission and no report (patent ¶171): the conventional path.</summary>
    Conventional = 6,

    /// <summary>7. Inconsistent: a report without the IDF permission (nobody audited what wrote it).</summary>
    ReportWithoutPermission = 7,

    /// <summary>8. Inconsistent: the IDF permission without a report in a message that should carry one (a DENM).</summary>
    PermissionWithoutReport = 8,

    /// <summary>9. Inconsistent: the IDF permission with a level below the receiver's minimum.</summary>
    AssuranceBelowMinimum = 9,

    /// <summary>
    /// 10. IDF assurance at least the minimum, report "no anomaly", but its coverage is below the receiver's
    /// minimum (a required detector class not evaluated, or too few classes): the sender checked too little.
    /// </summary>
    AssuredNoAnomalyInsufficientCoverage = 10,
}
