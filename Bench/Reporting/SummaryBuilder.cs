using System.Globalization;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Reporting;

/// <summary>
/// Turns the ledger of a run into its <see cref="DemoSummary"/> and checks the demo's expectations (the rows
/// of issue 5's "Done when"): clean OBUs act on each other; the tampered OBU's messages move from act to a
/// mitigation decision at every receiver within one detection period and stay there; every replay is
/// rejected; the legacy station's frames take the conventional path; every OBU's EEBL DENMs reach every
/// receiver in each phase; with the hub, the hub holds the tampered OBU's anomaly summary.
/// </summary>
public static partial class SummaryBuilder
{
    /// <summary>
    /// What the builder needs besides the ledger; <c>EeblTriggeredAt</c>: when each OBU's EEBL was triggered (none: no DENM expected);
    /// <c>Receivers</c>: the OBUs whose decisions the ledger holds, when not all of <c>Obus</c> (a part of a scenario spread over
    /// several processes, <see cref="Demo.DemoPart"/>: its receivers hear every OBU of the scenario).
    /// </summary>
    public sealed record Inputs(
        RunInfo Run,
        IReadOnlyList<string> Obus,
        string Legacy,
        TimeSpan DetectionPeriod,
        ReplaySummary ReplaysSent,
        IReadOnlyList<StationSent> Sent,
        IReadOnlyList<PcapFile> Pcaps,
        HubSummary? Hub = null,
        IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>? EeblTriggeredAt = null,
        IReadOnlyList<string>? Receivers = null,
        GhostSummary? Ghost = null,
        IReadOnlyList<FindingEntry>? Findings = null,
        PostureSummary? Posture = null)
    {
        /// <summary>The OBUs whose decisions are checked: <c>Receivers</c>, or every OBU.</summary>
        public IReadOnlyList<string> Deciding => Receivers ?? Obus;
    }

    /// <summary>Builds the summary from the entries and brake requests of a run.</summary>
    public static DemoSummary Build(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<BrakeEntry> brakes, Inputs inputs)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(brakes);
        ArgumentNullException.ThrowIfNull(inputs);
        var cells = entries
            .GroupBy(e => (e.Receiver, e.Sender, e.Kind, e.Phase))
            .OrderBy(g => g.Key.Receiver, StringComparer.Ordinal).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Sender, StringComparer.Ordinal).ThenBy(g => g.Key.Phase)
            .Select(g => new SummaryCell(g.Key.Receiver, g.Key.Sender, g.Key.Kind, g.Key.Phase, g.Count(),
                Accepted(g, TrustDecision.Act), Accepted(g, TrustDecision.ActWithCaution), Accepted(g, TrustDecision.PrepareOnly), Accepted(g, TrustDecision.Discard),
                g.Count(e => e.Outcome == ReceiveOutcome.Rejected),
                Histogram.Of(g.Where(e => e.Row is not null).Select(e => e.Row!.Value.ToString())),
                Histogram.Of(g.Where(e => e.Outcome == ReceiveOutcome.Rejected).Select(e => e.Reason.ToString()))))
            .ToList();
        var detection = Detection(entries, inputs);
        var ghost = inputs.Ghost is { } g ? GhostAt(entries, inputs.Findings ?? [], inputs.Deciding, g) : null;
        var posture = inputs.Posture is { } p ? PostureAt(entries, inputs.Deciding, p) : null;
        var replays = inputs.ReplaysSent with { AtReceivers = ReplaysAt(entries, inputs.Deciding) };
        var legacy = inputs.Deciding.Select(r =>
        {
            var mine = entries.Where(e => e.Receiver == r && e.Kind == SenderKind.Legacy).ToList();
            var accepted = mine.Where(e => e.Outcome == ReceiveOutcome.Accepted).ToList();
            return new LegacyAtReceiver(r, accepted.Count, mine.Count - accepted.Count,
                Histogram.Of(accepted.Select(e => e.Row?.ToString() ?? "none")), Histogram.Of(accepted.Select(e => e.Decision.ToString())));
        }).ToList();
        var brakeCounts = brakes.GroupBy(b => (b.Receiver, b.Sender, b.Phase, b.Response))
            .OrderBy(g => g.Key.Receiver, StringComparer.Ordinal).ThenBy(g => g.Key.Sender, StringComparer.Ordinal).ThenBy(g => g.Key.Phase)
            .Select(g => new BrakeCount(g.Key.Receiver, g.Key.Sender, g.Key.Phase, g.Key.Response, g.Count())).ToList();
        return new DemoSummary
        {
            Run = inputs.Run,
            Decisions = cells,
            Detection = detection,
            Replays = replays,
            Legacy = legacy,
            Brakes = brakeCounts,
            Sent = inputs.Sent,
            Pcaps = inputs.Pcaps,
            Hub = inputs.Hub,
            Ghost = ghost,
            Posture = posture,
            Expectations = Expectations(entries, inputs with { Ghost = ghost, Posture = posture }, detection, replays, legacy),
        };
    }

    private static List<DetectionDelay> Detection(IReadOnlyList<LedgerEntry> entries, Inputs inputs)
    {
        var tampered = inputs.Run.TamperedObu;
        var at = inputs.Run.TamperedAt;
        var firmware = FirmwareTampered(inputs.Run);
        return inputs.Deciding.Where(r => r != tampered).Select(r =>
        {
            var fromTampered = entries.Where(e => e.Receiver == r && e.Sender == tampered && e.Outcome == ReceiveOutcome.Accepted && e.Phase == DemoPhase.Tampered)
                .OrderBy(e => e.DecidedAt).ToList();

            // A compromise (tampered firmware) is discarded (Docs/trust-decisions.md, row 4); a rogue process's high anomaly is mitigated (row 3).
            var first = fromTampered.FirstOrDefault(e => firmware ? e.Decision == TrustDecision.Discard : e.IsMitigation);
            if (first is null)
            {
                return new DetectionDelay(r, null, null, null, null, 0);
            }

            var actAfter = fromTampered.Count(e => e.DecidedAt > first.DecidedAt && (firmware ? e.Decision != TrustDecision.Discard : e.Decision == TrustDecision.Act));
            return new DetectionDelay(r, first.DecidedAt, Math.Round((first.DecidedAt - at).TotalMilliseconds), first.Decision.ToString(), first.Row?.ToString(), actAfter);
        }).ToList();
    }

    private static List<ReplaysAtReceiver> ReplaysAt(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<string> obus) =>
        obus.SelectMany(r => new[] { SenderKind.ExactReplay, SenderKind.AlteredReplay }.Select(kind =>
        {
            var mine = entries.Where(e => e.Receiver == r && e.Kind == kind).ToList();
            var rejected = mine.Count(e => e.Outcome == ReceiveOutcome.Rejected);
            return new ReplaysAtReceiver(r, kind, mine.Count, rejected, mine.Count - rejected,
                Histogram.Of(mine.Where(e => e.Outcome == ReceiveOutcome.Rejected).Select(e => e.Reason.ToString())));
        })).ToList();

    private static List<Expectation> Expectations(IReadOnlyList<LedgerEntry> entries, Inputs inputs, List<DetectionDelay> detection,
        ReplaySummary replays, List<LegacyAtReceiver> legacy)
    {
        var tampered = inputs.Run.TamperedObu;
        var obus = inputs.Obus;
        var list = new List<Expectation>();
        var pairs = inputs.Deciding.SelectMany(r => obus.Where(s => s != r).Select(s => (Receiver: r, Sender: s))).ToList();

        // Patent ¶179: an assured sender reporting no anomaly is acted on.
        var cleanMisses = pairs.Where(p => !AllAct(entries, p.Receiver, p.Sender, DemoPhase.Clean)).Select(p => $"{p.Receiver}←{p.Sender}").ToList();
        list.Add(new Expectation("clean phase: every OBU acts on every other OBU's messages", cleanMisses.Count == 0,
            cleanMisses.Count == 0 ? $"{pairs.Count} receiver-sender pairs, every accepted message 'Act'" : "not all Act (or none received): " + string.Join(", ", cleanMisses)));

        var late = detection.Where(d => d.DelayMs is not { } ms || ms > inputs.DetectionPeriod.TotalMilliseconds || d.ActAfterMitigation > 0).ToList();
        var delays = detection.Where(d => d.DelayMs is not null).Select(d => d.DelayMs!.Value).Order().ToList();
        list.Add(new Expectation(TamperCheck(inputs.Run, inputs.DetectionPeriod),
            late.Count == 0,
            late.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"delays {string.Join(", ", detection.Select(d => $"{d.Receiver} {d.DelayMs:0} ms ({d.Decision})"))}; ")
                  + (delays.Count > 0
                      ? string.Create(CultureInfo.InvariantCulture, $"first {delays[0]:0} ms, median {(delays[(delays.Count - 1) / 2] + delays[delays.Count / 2]) / 2:0} ms, last {delays[^1]:0} ms")
                      : "no receiver")
                : (FirmwareTampered(inputs.Run) ? "late, missing or not Discard after at: " : "late, missing or back to Act at: ")
                  + string.Join(", ", late.Select(d => d.DelayMs is null
                      ? $"{d.Receiver} (no {(FirmwareTampered(inputs.Run) ? "Discard" : "mitigation")})"
                      : string.Create(CultureInfo.InvariantCulture, $"{d.Receiver} ({d.DelayMs:0} ms, {d.ActAfterMitigation} {(FirmwareTampered(inputs.Run) ? "not Discard" : "Act")} after)")))));

        // The posture phase's OBU is acted on until its reports carry the critical grade (its own expectation below).
        // When its poll turns critical before its first tampered-phase frame, that OBU has no frame to be acted on fully: its
        // posture check follows it from then on.
        var critical = inputs.Posture?.Obu;
        var beforeCritical = entries.Where(e => e.Sender != critical || e.PostureGrade != V2x.Integrity.PostureSeverity.Critical).ToList();
        var others = pairs.Where(p => p.Sender != tampered && !AllAct(beforeCritical, p.Receiver, p.Sender, DemoPhase.Tampered)
                && !(p.Sender == critical && !beforeCritical.Any(e => e.Receiver == p.Receiver && e.Sender == p.Sender && e.Phase == DemoPhase.Tampered && e.Outcome == ReceiveOutcome.Accepted)))
            .Select(p => $"{p.Receiver}←{p.Sender}").ToList();
        list.Add(new Expectation(critical is null ? "tampered phase: the untampered OBUs are still acted on" : $"tampered phase: the untampered OBUs are still acted on ({critical} until its posture is critical)",
            others.Count == 0, others.Count == 0 ? "every accepted message of the other OBUs 'Act'" : "not all Act: " + string.Join(", ", others)));

        var replayed = replays.AtReceivers.Sum(r => r.Received);
        var accepted = replays.AtReceivers.Where(r => r.Accepted > 0).ToList();
        var replaysOk = accepted.Count == 0 && replays.ExactSent > 0 && replays.AlteredSent > 0
            && inputs.Deciding.All(r => replays.AtReceivers.Any(a => a.Receiver == r && a.Kind == SenderKind.ExactReplay && a.Received > 0)
                && replays.AtReceivers.Any(a => a.Receiver == r && a.Kind == SenderKind.AlteredReplay && a.Received > 0));
        list.Add(new Expectation("every replayed frame is rejected (exact replays and altered counters)", replaysOk,
            accepted.Count > 0
                ? "accepted: " + string.Join(", ", accepted.Select(a => $"{a.Receiver} {a.Kind} ×{a.Accepted}"))
                : $"{replays.ExactSent} exact and {replays.AlteredSent} altered sent; {replayed} arrivals, all rejected ({string.Join(", ", Histogram.Of(replays.AtReceivers.SelectMany(r => r.Reasons.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)))).Select(kv => $"{kv.Key} {kv.Value}"))})"));

        var legacyBad = legacy.Where(l => l.Accepted == 0 || l.Rows.Keys.Any(k => k != nameof(DecisionRow.Conventional))).ToList();
        list.Add(new Expectation($"{inputs.Legacy}'s frames take the legacy (conventional) path", legacyBad.Count == 0,
            legacyBad.Count == 0
                ? $"{legacy.Sum(l => l.Accepted)} accepted, every one row Conventional ({string.Join(", ", Histogram.Of(legacy.SelectMany(l => l.Decisions.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)))).Select(kv => $"{kv.Key} {kv.Value}"))})"
                : "not conventional or none accepted at: " + string.Join(", ", legacyBad.Select(l => $"{l.Receiver} ({string.Join(", ", l.Rows.Select(kv => $"{kv.Key} {kv.Value}"))})"))));

        // Each phase's DENM must be the one its own trigger raised: a clean-phase DENM that the DEN basic service repeats
        // after the tamper is no proof that the tampered phase's EEBL went out and was received.
        // Tampered firmware: the OBU reports its own compromise, the misbehaviour authority revokes it at once (patent ¶157-158,
        // Docs/misbehaviour.md) and it stops sending once it sees its tickets on the CRL, so its tampered-phase EEBL is not
        // expected (whatever of it arrives is discarded: the tamper check counts anything else).
        var triggers = inputs.EeblTriggeredAt ?? new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);
        var revokedSender = FirmwareTampered(inputs.Run) ? tampered : null;
        var denmMisses = pairs.SelectMany(p => new[] { DemoPhase.Clean, DemoPhase.Tampered }
                .Where(phase => phase == DemoPhase.Clean || p.Sender != revokedSender)
                .Select(phase => (phase, Trigger: PhaseTrigger(triggers.GetValueOrDefault(p.Sender), phase, inputs.Run)))
                .Where(t => t.Trigger is not { } at || !entries.Any(e => e.Receiver == p.Receiver && e.Sender == p.Sender && e.Phase == t.phase && e.Message == "DENM"
                    && e.Outcome == ReceiveOutcome.Accepted && e.ReceivedAt >= at))
                .Select(t => t.Trigger is null ? $"{p.Receiver}←{p.Sender} ({t.phase}: no EEBL triggered)" : $"{p.Receiver}←{p.Sender} ({t.phase})"))
            .ToList();
        list.Add(new Expectation("every OBU's EEBL DENM reaches every other OBU in each phase", denmMisses.Count == 0,
            denmMisses.Count == 0
                ? "each phase's own EEBL DENM accepted at every receiver" + (revokedSender is null ? "" : $" ({revokedSender}'s tampered-phase EEBL not expected: tampered firmware, revoked on its own compromise report)")
                : "missing: " + string.Join(", ", denmMisses)));

        if (inputs.Hub is { } hub)
        {
            // ITU-T X.1382 §9.3.2.3: the detecting vehicle's desensitised anomaly summary reaches the sharing community.
            list.Add(new Expectation($"the hub holds {tampered}'s anomaly summary", hub.TamperedHeld > 0, HubDetail(hub)));
        }

        if (inputs.Posture is { } posture)
        {
            list.Add(PostureExpectation(posture));
        }

        if (inputs.Ghost is { } ghost)
        {
            list.AddRange(GhostExpectations(ghost, inputs.Deciding));
        }

        return list;
    }

    /// <summary>
    /// The name of the tampered phase's check (Bench.Scenarios.Files.ExpectationIds: <c>tamper-detected</c> for a rogue
    /// process, <c>firmware-tamper-detected</c> for tampered firmware, whose messages must be discarded).
    /// </summary>
    public static string TamperCheck(RunInfo run, TimeSpan detectionPeriod)
    {
        ArgumentNullException.ThrowIfNull(run);
        return FirmwareTampered(run)
            ? string.Create(CultureInfo.InvariantCulture, $"tampered phase: {run.TamperedObu}'s tampered firmware is detected: its messages move from Act to Discard at every receiver within one detection period ({detectionPeriod.TotalSeconds:0.#} s) and stay there")
            : string.Create(CultureInfo.InvariantCulture, $"tampered phase: {run.TamperedObu}'s messages move from Act to a mitigation decision at every receiver within one detection period ({detectionPeriod.TotalSeconds:0.#} s)");
    }

    private static bool FirmwareTampered(RunInfo run) => run.Tamper == Stations.TamperFaults.Name(Stations.TamperFault.TamperedFirmware);

    private static string HubDetail(HubSummary hub)
    {
        var c = CultureInfo.InvariantCulture;
        if (hub.TamperedHeld == 0)
        {
            return string.Create(c, $"none held: {hub.TamperedPosted} acknowledged to {hub.TamperedObu}; the hub holds {HubSummaryBuilder.Counts(hub.ObjectsByType)}");
        }

        var merged = string.Join("; ", hub.TamperedAnomalies.Select(a => string.Create(c,
            $"{a.AnomalyClass} ({a.ThreatType}): {(a.Indicator ? "indicator" : "no indicator")}, sighting count {(a.SightingCount is { } n ? n.ToString(c) : "none")}, {a.Vehicles ?? 0} vehicle(s)")));
        return string.Create(c, $"{hub.TamperedHeld} of the {hub.TamperedPosted} summaries acknowledged to {hub.TamperedObu} held, first acknowledged {hub.FirstSummaryAfterMs:0} ms after the tamper; {merged}");
    }

    // The sender's first EEBL trigger inside the phase (null: none).
    private static DateTimeOffset? PhaseTrigger(IReadOnlyList<DateTimeOffset>? triggers, DemoPhase phase, RunInfo run) =>
        triggers?.Where(t => phase == DemoPhase.Clean ? t >= run.StartedAt && t < run.TamperedAt : t >= run.TamperedAt && t < run.EndedAt)
            .Select(t => (DateTimeOffset?)t).Min();

    private static bool AllAct(IReadOnlyList<LedgerEntry> entries, string receiver, string sender, DemoPhase phase)
    {
        var accepted = entries.Where(e => e.Receiver == receiver && e.Sender == sender && e.Phase == phase && e.Outcome == ReceiveOutcome.Accepted).ToList();
        return accepted.Count > 0 && accepted.All(e => e.Decision == TrustDecision.Act);
    }

    private static int Accepted(IEnumerable<LedgerEntry> entries, TrustDecision decision) =>
        entries.Count(e => e.Outcome == ReceiveOutcome.Accepted && e.Decision == decision);
}
