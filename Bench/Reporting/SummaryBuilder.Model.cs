using System.Globalization;
using System.Text.RegularExpressions;
using Firmware.Application.Receiving;

namespace Bench.Reporting;

/// <summary>The compromised IDF model of a scenario (issue 15; Docs/bench.md, "A compromised IDF model").</summary>
public static partial class SummaryBuilder
{
    /// <summary>
    /// The model's run from the ledger and the facts the demo recorded, and its two checks: the model is revoked model-wide and
    /// each of its stations is rejected at every receiver of the other models within the bound (<c>model-revoked</c>); the
    /// other models' OBUs are not revoked and still accepted (<c>other-models-unaffected</c>).
    /// </summary>
    public static (ModelCompromiseSummary Summary, IReadOnlyList<Expectation> Checks) ModelCompromise(IReadOnlyList<LedgerEntry> entries, ModelCompromiseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(facts);
        double After(DateTimeOffset at) => Math.Round((at - facts.ExploitedAt).TotalMilliseconds);
        var model = facts.ModelObus.ToHashSet(StringComparer.Ordinal);
        var bySender = entries.Where(e => e.Kind == SenderKind.Obu).ToLookup(e => (e.Receiver, e.Sender));

        // Each receiver of another model against each station of the model: from the refresh that brought the CRL listing the
        // model's tickets on, a frame of the station is rejected as Revoked, never accepted.
        var pairs = facts.OtherObus.SelectMany(r => facts.ModelObus.Select(s =>
        {
            var mine = bySender[(r, s)].OrderBy(e => e.DecidedAt).ToList();
            var revoked = mine.FirstOrDefault(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked);
            DateTimeOffset? holds = facts.HoldsCrl.TryGetValue(r, out var h) ? h : null;
            var after = holds is { } cut ? mine.Where(e => e.DecidedAt > cut).ToList() : [];
            return new ModelAtReceiver(r, s, holds is { } t ? After(t) : null, revoked is null ? null : After(revoked.DecidedAt), after.Count,
                after.Count(e => e.Outcome == ReceiveOutcome.Accepted));
        })).ToList();

        var own = facts.ModelObus.Select(s => facts.Own.TryGetValue(s, out var o)
            ? new ModelOwnRevocation(s, After(o.At), o.Found.RetiredTickets.Count, o.Found.EnrolmentRevoked, o.Found.NewTicket, o.Found.Refusal)
            : new ModelOwnRevocation(s, null, 0, false, null, null)).ToList();

        // The other models' OBUs (the demo's tampered-firmware OBU aside: its own compromise report revokes it) at every OBU.
        var others = facts.OtherObus.Where(s => s != facts.SelfRevoked).ToList();
        var receivers = facts.OtherObus.Concat(facts.ModelObus).ToList();
        var othersRejected = others.SelectMany(s => receivers.Where(r => r != s).Select(r => (r, s, n: bySender[(r, s)].Count(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked))))
            .Where(p => p.n > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.r}←{p.s} ×{p.n}")).ToList();
        var othersNotAccepted = others.SelectMany(s => receivers.Where(r => r != s).Select(r => (r, s)))
            .Where(p => !bySender[(p.r, p.s)].Any(e => e.Outcome == ReceiveOutcome.Accepted
                && e.DecidedAt > (facts.HoldsCrl.TryGetValue(p.r, out var t) ? t : facts.RevokedAt ?? facts.ExploitedAt)))
            .Select(p => $"{p.r}←{p.s}").ToList();
        var othersOwn = others.Where(facts.Own.ContainsKey).ToList();

        var reports = facts.ReportedAt.Where(kv => model.Contains(kv.Key)).OrderBy(kv => kv.Value).ToList();
        var counts = facts.Action is { } action ? Regex.Match(action, @"(\d+) station\(s\), \d+ EC\(s\), (\d+) AT\(s\) revoked", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null;
        var summary = new ModelCompromiseSummary(facts.Model, facts.Exploited, [.. facts.ModelObus.Except(facts.Exploited, StringComparer.Ordinal)], facts.OtherObus,
            facts.ExploitedAt, Math.Round(facts.Bound.TotalMilliseconds),
            reports.ToDictionary(kv => kv.Key, kv => After(kv.Value), StringComparer.Ordinal),
            reports.Count >= facts.Threshold ? After(reports[facts.Threshold - 1].Value) : null,
            facts.RevokedAt is { } at ? After(at) : null, facts.Action,
            counts is { Success: true } ? int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            counts is { Success: true } ? int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture) : null,
            pairs, own, othersRejected, othersNotAccepted, othersOwn, facts.OtherRevocations);
        return (summary, [ModelRevokedCheck(summary), OthersUnaffectedCheck(summary)]);
    }

    private static Expectation ModelRevokedCheck(ModelCompromiseSummary m)
    {
        var c = CultureInfo.InvariantCulture;
        var name = string.Create(c,
            $"compromised IDF model: {m.Model}, exploited on {m.Exploited.Count} OBU(s), is revoked model-wide by the misbehaviour authority's global detection; every OBU of it is rejected as Revoked by every OBU of the other model(s) within {m.BoundMs / 1000:0.#} s of the exploit and gets no new ticket");
        var late = m.Pairs.Where(p => !(p.AcceptedAfterRefresh == 0 && (p.FirstRevokedAfterMs <= m.BoundMs || (p.Silent && p.RefreshedAfterMs <= m.BoundMs)))).ToList();
        var own = m.Own.Where(o => o.NoticedAfterMs is null || o.Retired == 0 || o.NewTicket is not null).ToList();
        var passed = m.RevokedAfterMs is not null && m.Pairs.Count > 0 && late.Count == 0 && own.Count == 0;
        string detail;
        if (m.RevokedAfterMs is null)
        {
            detail = string.Create(c, $"not revoked: {m.ReportsAfterMs.Count} station(s) of the model reported ({string.Join(", ", m.ReportsAfterMs.Keys)}), the authority's threshold needs more");
        }
        else if (late.Count > 0)
        {
            detail = "not rejected as Revoked within the bound, or accepted after the receiver held the CRL: " + string.Join(", ", late.Select(p => string.Create(c,
                $"{p.Receiver}←{p.Sender} ({(p.FirstRevokedAfterMs is { } f ? $"first Revoked {f:0} ms" : p.RefreshedAfterMs is null ? "no CRL listing it" : $"{p.HeardAfterRefresh} heard after the CRL")}, {p.AcceptedAfterRefresh} accepted after)")));
        }
        else if (own.Count > 0)
        {
            detail = "did not find its own tickets on the CRL, or got a new ticket: " + string.Join(", ", own.Select(o => $"{o.Station} ({(o.NoticedAfterMs is null ? "never noticed" : $"retired {o.Retired}, new ticket {o.NewTicket ?? "none"}")})"));
        }
        else
        {
            var revoked = m.Pairs.Count(p => p.FirstRevokedAfterMs is not null);
            detail = string.Create(c,
                $"threshold reached {m.ThresholdReportAfterMs:0} ms after the exploit, revoked at {m.RevokedAfterMs:0} ms ({m.StationsRevoked} stations, {m.TicketsRevoked} ATs); {revoked} of {m.Pairs.Count} receiver-station pairs rejected as Revoked{(revoked > 0 ? $" (the last first at {m.LastFirstRevokedAfterMs:0} ms)" : "")}, {m.Pairs.Count - revoked} silent once the receiver held the CRL (the station had found its own ticket on it first and retired it, ¶167); every OBU of the model refused a new ticket");
        }

        return new Expectation(name, passed, detail);
    }

    private static Expectation OthersUnaffectedCheck(ModelCompromiseSummary m)
    {
        var passed = m.Others.Count > 0 && m.OthersRejected.Count == 0 && m.OthersNotAccepted.Count == 0 && m.OthersOwnRevoked.Count == 0 && m.OtherRevocations.Count == 0;
        var detail = passed
            ? $"{m.Others.Count} OBUs ({string.Join(", ", m.Others)}): none rejected as Revoked, none found its own certificates on a CRL, each accepted by every other OBU after the revocation reached it (or, without one, after the exploit)"
            : string.Join("; ", new[]
            {
                m.Others.Count == 0 ? "no OBU of another model" : null,
                m.OthersRejected.Count == 0 ? null : "rejected as Revoked: " + string.Join(", ", m.OthersRejected),
                m.OthersNotAccepted.Count == 0 ? null : "not accepted after the revocation: " + string.Join(", ", m.OthersNotAccepted),
                m.OthersOwnRevoked.Count == 0 ? null : "found their own certificates on a CRL: " + string.Join(", ", m.OthersOwnRevoked),
                m.OtherRevocations.Count == 0 ? null : "other models revoked: " + string.Join(", ", m.OtherRevocations),
            }.Where(x => x is not null));
        return new Expectation($"compromised IDF model: the OBUs of the other model(s) are not revoked and still accepted by every OBU", passed, detail);
    }
}
