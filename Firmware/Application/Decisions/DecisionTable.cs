using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Decisions;

/// <summary>
/// The decision table of Docs/trust-decisions.md (patent ¶171, ¶174-183, fig. 8): from what the
/// sender's authorization ticket says about its integrity-detection function (the audit CA's level, or
/// nothing) and what its message says (the integrity report, or nothing), to how far the receiver acts.
/// Only verified messages reach it; every check before it fails closed.
/// </summary>
public static class DecisionTable
{
    /// <summary>Decides one message.</summary>
    /// <param name="assurance">The IDF assurance level of the signer's ticket (PSID 0x1E), or null when it has none.</param>
    /// <param name="report">The integrity report in the message, or null.</param>
    /// <param name="psid">The message's PSID (whether it must carry the report).</param>
    /// <param name="policy">The receiver's policy.</param>
    public static DecisionOutcome Decide(byte? assurance, IntegrityReport? report, Psid psid, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var level = report?.Level;
        if (assurance is null)
        {
            // Patent ¶171: no permission and no report is a legacy station, processed conventionally.
            return level is { } l
                ? Inconsistent(DecisionRow.ReportWithoutPermission, l, policy)
                : new DecisionOutcome(DecisionRow.Conventional, policy.ConventionalDecision);
        }

        if (assurance < policy.MinimumAssurance)
        {
            return Inconsistent(DecisionRow.AssuranceBelowMinimum, level, policy);
        }

        if (level is IntegrityLevel.NoAnomaly && !policy.CoverageSufficient(report!.Coverage))
        {
            // A "no anomaly" only speaks for the classes the sender evaluated (Docs/formats.md §3.4 coverage):
            // below the receiver's minimum it never earns act, however high the assurance.
            return new DecisionOutcome(DecisionRow.AssuredNoAnomalyInsufficientCoverage, Worse(policy.InsufficientCoverageDecision, policy.LevelDecisions[IntegrityLevel.NoAnomaly]));
        }

        if (level is { } assured)
        {
            // Patent ¶179-182: no anomaly from an assured IDF → act; the worse the level, the more cautious.
            var row = assured switch
            {
                IntegrityLevel.NoAnomaly => DecisionRow.AssuredNoAnomaly,
                IntegrityLevel.Anomaly => DecisionRow.AssuredAnomaly,
                IntegrityLevel.HighAnomaly => DecisionRow.AssuredHighAnomaly,
                _ => DecisionRow.AssuredCompromised,
            };
            return new DecisionOutcome(row, policy.LevelDecisions[assured]);
        }

        // Patent ¶119 (option 3): an assured sender leaves the report out of non-safety-critical messages;
        // in a safety-critical one its absence is inconsistent (a rich side that asked to sign without it).
        return policy.ReportRequired.Contains(psid)
            ? Inconsistent(DecisionRow.PermissionWithoutReport, null, policy)
            : new DecisionOutcome(DecisionRow.AssuredReportNotCarried, policy.ConventionalDecision);
    }

    /// <summary>The less trusting of two decisions.</summary>
    public static TrustDecision Worse(TrustDecision a, TrustDecision b) => a >= b ? a : b;

    // An inconsistent sender's report can only lower trust: a sender that admits a compromise is believed,
    // a clean report nobody audited is not.
    private static DecisionOutcome Inconsistent(DecisionRow row, IntegrityLevel? level, DecisionPolicy policy) =>
        new(row, level is { } l ? Worse(policy.InconsistentDecision, policy.LevelDecisions[l]) : policy.InconsistentDecision);
}
