using V2x.Integrity;

namespace Firmware.Application.Decisions;

/// <summary>
/// The posture rule (Docs/trust-decisions.md, "The posture rule"; patent ¶204-216): after the decision table, the posture
/// grade in the sender's integrity report can only lower the decision: a sender with a critical unpatched weakness, or
/// whose posture is out of date beyond the receiver's limit, is not acted on fully. Every row that applies lowers the
/// decision to at most its limit. A message without a report gets no posture row (the table's rows 5, 6 and 8 already
/// decide it without evidence).
/// </summary>
public static class PostureRule
{
    /// <summary>Applies the rule to the table's <paramref name="outcome"/> for a message carrying <paramref name="report"/>.</summary>
    public static DecisionOutcome Apply(DecisionOutcome outcome, IntegrityReport? report, PosturePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (report is null)
        {
            return outcome;
        }

        // Every row that applies lowers the decision to at most its limit; the row named is the one with the strictest
        // limit (the first in row order among equals). A row whose limit is "act" constrains nothing and is not named.
        // A row whose limit the table's decision already meets lowered nothing and is not named either.
        var strictest = Rows(report.Posture, policy).Where(r => r.Applies && r.Limit != TrustDecision.Act).OrderByDescending(r => r.Limit).FirstOrDefault();
        return strictest.Applies && DecisionTable.Worse(outcome.Decision, strictest.Limit) != outcome.Decision
            ? outcome with { Decision = strictest.Limit, Posture = strictest.Row }
            : outcome;
    }

    private static IEnumerable<(bool Applies, PostureRow Row, TrustDecision Limit)> Rows(PostureGrade grade, PosturePolicy policy)
    {
        var never = grade.Severity == PostureSeverity.NotAssessed || grade.LastPoll == PollAge.Never;
        yield return (grade.Severity == PostureSeverity.Critical, PostureRow.CriticalWeakness, policy.CriticalWeakness);
        yield return (grade.Severity == PostureSeverity.High, PostureRow.HighWeakness, policy.HighWeakness);
        yield return (!never && grade.LastPoll > policy.MaximumPollAge, PostureRow.PostureOutOfDate, policy.OutOfDate);
        yield return (!never && (!grade.AppUpToDate || !grade.IdfUpToDate), PostureRow.SoftwareNotCurrent, policy.SoftwareNotCurrent);
        yield return (never, PostureRow.NotAssessed, policy.NotAssessed);
    }
}
