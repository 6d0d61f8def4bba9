using System.Globalization;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Reporting;

/// <summary>The posture phase of the summary (issue 14, Build 8; Docs/posture.md, "In the bench demo").</summary>
public static partial class SummaryBuilder
{
    // Each receiver's decisions about the OBU whose posture turns critical: Act before the advisory, the first accepted frame
    // whose report carries the critical grade (ms after the advisory), its decision and posture row, and what followed.
    private static PostureSummary PostureAt(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<string> obus, PostureSummary posture)
    {
        var at = obus.Where(r => r != posture.Obu).Select(r =>
        {
            var mine = entries.Where(e => e.Receiver == r && e.Sender == posture.Obu && e.Kind == SenderKind.Obu && e.Outcome == ReceiveOutcome.Accepted)
                .OrderBy(e => e.DecidedAt).ToList();
            var before = posture.PublishedAt is { } p ? mine.Count(e => e.ReceivedAt < p && e.Decision == TrustDecision.Act) : 0;
            var first = mine.FirstOrDefault(e => e.PostureGrade == PostureSeverity.Critical);
            var after = first is null ? [] : mine.Where(e => e.DecidedAt > first.DecidedAt).ToList();
            return new PostureAtReceiver(r, before,
                first is not null && posture.PublishedAt is { } published ? Math.Round((first.ReceivedAt - published).TotalMilliseconds) : null,
                first?.Decision, first?.Posture, after.Count(e => e.Decision == TrustDecision.Act), after.Count(e => e.Posture != PostureRow.None));
        }).ToList();
        var others = entries.Where(e => e.Kind == SenderKind.Obu && e.Sender != posture.Obu && e.Outcome == ReceiveOutcome.Accepted
                && (e.PostureGrade == PostureSeverity.Critical || e.Posture != PostureRow.None))
            .GroupBy(e => $"{e.Receiver}←{e.Sender}", StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Count()}")).ToList();
        return posture with { AtReceivers = at, Others = others };
    }

    // Server -> partition -> grade on the air -> receiver decision (Docs/posture.md): within the bound, the critical grade's
    // first frame at every receiver acted on with caution by row P1, never Act again; no other OBU graded critical or lowered.
    private static Expectation PostureExpectation(PostureSummary posture)
    {
        var c = CultureInfo.InvariantCulture;
        var bad = posture.AtReceivers.Where(r => r.FirstCriticalAfterMs is not { } ms || ms > posture.DetectionPeriodMs || r.Decision != TrustDecision.ActWithCaution
            || r.Row != PostureRow.CriticalWeakness || r.ActAfter > 0 || r.ActBefore == 0).ToList();
        var passed = posture.PublishedAt is not null && posture.Advisory.Count > 0 && posture.AtReceivers.Count > 0 && bad.Count == 0 && posture.Others.Count == 0;
        var name = string.Create(c, $"posture: {posture.Obu}'s posture turns critical ({posture.Installed}); every receiver acts on it with caution (row P1) within {posture.DetectionPeriodMs / 1000:0.#} s of the advisory and never fully again");
        string detail;
        if (posture.PublishedAt is null || posture.Advisory.Count == 0)
        {
            detail = "no advisory published (or none applied to the catalogue)";
        }
        else if (bad.Count > 0)
        {
            detail = "not as expected at: " + string.Join(", ", bad.Select(r => r.FirstCriticalAfterMs is null
                ? $"{r.Receiver} (no frame with the critical grade accepted)"
                : string.Create(c, $"{r.Receiver} ({r.FirstCriticalAfterMs:0} ms, {r.Decision} {r.Row}, Act before {r.ActBefore}, Act after {r.ActAfter})")));
        }
        else if (posture.Others.Count > 0)
        {
            detail = "other OBUs graded critical or lowered: " + string.Join(", ", posture.Others);
        }
        else
        {
            detail = string.Create(c, $"{string.Join(", ", posture.Advisory)}; critical poll {posture.CriticalPollAfterMs:0} ms after the advisory; first critical frame at {string.Join(", ", posture.AtReceivers.Select(r => $"{r.Receiver} {r.FirstCriticalAfterMs:0} ms ({r.Decision}, {r.Row})"))}");
        }

        return new Expectation(name, passed, detail);
    }
}
