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
            return Inconsistent(DecisionRow.AssuranceBelowMinimum, level, policy, psid);
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

        // Patent ¶119 (option 3): an assured sender's partition leaves the report out of a non-safety-critical
        // message only while no latch is above no anomaly, so such a message could have carried "no anomaly" and
        // no more: it gets no better than that (row 5). A safety-critical one a conforming partition never signs
        // without the report, so its absence may hide any level: it gets no better than the worst (row 8).
        return policy.ReportRequired.Contains(psid)
            ? Inconsistent(DecisionRow.PermissionWithoutReport, null, policy, psid)
            : new DecisionOutcome(DecisionRow.AssuredReportNotCarried, Worse(policy.ConventionalDecision, policy.LevelDecisions[IntegrityLevel.NoAnomaly]));
    }

    /// <summary>
    /// The levels a message of <paramref name="psid"/> without a report could have carried, had its sender's
    /// partition put the report in: every level for a PSID that must carry it (DENM), only "no anomaly" for one
    /// that need not (the partition adds the report whenever a latch is above no anomaly). A report-less message
    /// is decided no better than any of them (Docs/trust-decisions.md, "Messages without the report").
    /// </summary>
    public static IReadOnlyList<IntegrityLevel> LevelsAReportCouldCarry(Psid psid, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.ReportRequired.Contains(psid) ? Enum.GetValues<IntegrityLevel>() : [IntegrityLevel.NoAnomaly];
    }

    /// <summary>The less trusting of two decisions.</summary>
    public static TrustDecision Worse(TrustDecision a, TrustDecision b) => a >= b ? a : b;

    // An inconsistent sender's report can only lower trust: a sender that admits a compromise is believed,
    // a clean report nobody audited is not. Without a report, the worst level the message could have carried
    // counts instead, so that leaving the report out never earns more than sending it.
    private static DecisionOutcome Inconsistent(DecisionRow row, IntegrityLevel? level, DecisionPolicy policy, Psid? psid = null)
    {
        var decision = policy.InconsistentDecision;
        IReadOnlyList<IntegrityLevel> levels = level is { } l ? [l] : psid is { } p ? LevelsAReportCouldCarry(p, policy) : [];
        foreach (var each in levels)
        {
            decision = Worse(decision, policy.LevelDecisions[each]);
        }

        return new DecisionOutcome(row, decision);
    }
}
