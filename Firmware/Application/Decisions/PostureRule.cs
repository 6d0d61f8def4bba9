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
        // (A loop over the rows on the stack: no iterator or LINQ allocation per message on the receive path.)
        var grade = report.Posture;
        var never = grade.Severity == PostureSeverity.NotAssessed || grade.LastPoll == PollAge.Never;
        ReadOnlySpan<(bool Applies, PostureRow Row, TrustDecision Limit)> rows =
        [
            (grade.Severity == PostureSeverity.Critical, PostureRow.CriticalWeakness, policy.CriticalWeakness),
            (grade.Severity == PostureSeverity.High, PostureRow.HighWeakness, policy.HighWeakness),
            (!never && grade.LastPoll > policy.MaximumPollAge, PostureRow.PostureOutOfDate, policy.OutOfDate),
            (!never && (!grade.AppUpToDate || !grade.IdfUpToDate), PostureRow.SoftwareNotCurrent, policy.SoftwareNotCurrent),
            (never, PostureRow.NotAssessed, policy.NotAssessed),
        ];
        var strictest = default((bool Applies, PostureRow Row, TrustDecision Limit));
        foreach (var r in rows)
        {
            if (r.Applies && r.Limit != TrustDecision.Act && (!strictest.Applies || r.Limit > strictest.Limit))
            {
                strictest = r;
            }
        }

        return strictest.Applies && DecisionTable.Worse(outcome.Decision, strictest.Limit) != outcome.Decision
            ? outcome with { Decision = strictest.Limit, Posture = strictest.Row }
            : outcome;
    }
}
