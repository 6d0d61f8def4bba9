using System.Net;
using Bench.Hub;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Composition;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Demo;

public sealed partial class PartDemo
{
    // From the stations up to the summary: agree on the start with the other parts, run the scenario's schedule for this
    // part's stations, then check the expectations for this part's receivers against every sender they heard.
    private async Task<DemoSummary> RunPartAsync(ScenarioPlan plan, DemoStations stations, DecisionLedger ledger, PartRoster roster, DemoPki pki, DemoHub? hub,
        CancellationToken cancellationToken)
    {
        var o = _options;
        var clock = o.Clock;
        var names = plan.Names;
        await Task.WhenAll(stations.Obus.Select(obu => obu.StartAsync(cancellationToken))).ConfigureAwait(false);
        stations.Legacy?.Start();
        roster.MarkReady();
        await Say($"radio: UDP multicast 239.255.47.1:{o.RadioPort} on {o.RadioInterface}; parts' rosters on port {o.RadioPort + 1}; waiting up to {AgreementTimeout.TotalSeconds:0} s for the other part(s)").ConfigureAwait(false);
        var start = await roster.AgreeOnStartAsync(_part, StartLead, AgreementTimeout, cancellationToken).ConfigureAwait(false);
        NamePeers(ledger, roster);
        await Say($"parts agreed: start {start:O}; heard {string.Join(", ", roster.PeerStations(_part).Select(s => $"{s.Name} ({s.Kind}, {s.Source})"))}").ConfigureAwait(false);
        var wait = start - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }

        var tamperAt = start + (o.Duration / 2);
        var end = start + o.Duration;
        var tampered = stations.Obus.FirstOrDefault(b => b.Name == names[plan.Tampered]);
        stations.Attacker?.Start(start + TimeSpan.FromSeconds(1), end - TimeSpan.FromSeconds(1));
        var firstAnomalyReport = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (tampered is not null)
        {
            tampered.Node.Sender.Sent += r =>
            {
                if (ledger.TamperedAt is { } t && r.Time >= t && r.ReportIncluded && r.Level != IntegrityLevel.NoAnomaly)
                {
                    firstAnomalyReport.TrySetResult(Math.Round((r.Time - t).TotalMilliseconds));
                }
            };
        }

        // The scenario's schedule (BenchDemo's): the tamper half-way — in every part the tampered phase begins then, in the
        // tampered OBU's part its rogue process starts — and one EEBL per OBU and phase, staggered by the OBU's index in
        // the scenario, the legacy station's after the OBUs'.
        var schedule = new List<(DateTimeOffset At, Func<Task> Action)>
        {
            (tamperAt, () =>
            {
                ledger.BeginTamperedPhase(tampered is null ? tamperAt : clock.GetUtcNow());
                tampered?.Tamper(o.TamperFault);
                return Say(tampered is null ? $"tamper: {names[plan.Tampered]} (another part) is tampered now" : $"tamper ({TamperFaults.Name(o.TamperFault)}) on {tampered.Name}: {TamperFaults.Describe(o.TamperFault)}");
            }),
        };
        var eebl = DenmEvent.EmergencyElectronicBrakeLight with { Validity = TimeSpan.FromSeconds(2) };
        var triggers = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var (clean, late) = (start + o.CleanEeblAfter + (DemoOptions.EeblStagger * i), tamperAt + o.TamperedEeblAfter + (DemoOptions.EeblStagger * i));
            var obu = stations.Obus.FirstOrDefault(b => b.Name == names[i]);
            if (obu is null)
            {
                // Another part's OBU: its triggers are the scenario's schedule (its part runs it on the same clock; hosts synchronised).
                triggers[names[i]] = [clean, late];
                continue;
            }

            schedule.Add((clean, () => stations.TriggerEeblAsync(obu, eebl, clock, cancellationToken)));
            schedule.Add((late, () => stations.TriggerEeblAsync(obu, eebl, clock, cancellationToken)));
        }

        if (stations.Legacy is { } legacyStation)
        {
            var legacyStagger = DemoOptions.EeblStagger * names.Count;
            schedule.Add((start + o.CleanEeblAfter + legacyStagger, () => legacyStation.SendEeblAsync(eebl, cancellationToken)));
            schedule.Add((tamperAt + o.TamperedEeblAfter + legacyStagger, () => legacyStation.SendEeblAsync(eebl, cancellationToken)));
        }

        var hubWatch = hub is null || tampered is null ? null : new HubWatch(hub, tampered, stations.Obus);

        // Each action starts at its instant, not after the previous one finished (BenchDemo's schedule: a slow EEBL signing
        // under load does not push the later triggers back); all are awaited before the run's end is waited for.
        var started = new List<Task>();
        foreach (var (at, action) in schedule.OrderBy(s => s.At))
        {
            var due = at - clock.GetUtcNow();
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, clock, cancellationToken).ConfigureAwait(false);
            }

            started.Add(action());
            roster.ReportReplays(stations.Attacker?.ExactSent ?? 0, stations.Attacker?.AlteredSent ?? 0);
        }

        await Task.WhenAll(started).ConfigureAwait(false);

        await WaitUntilAsync(end, roster, stations, cancellationToken).ConfigureAwait(false);

        // Let the last frames in flight be decided, then stop the senders before the receivers.
        if (stations.Attacker is not null)
        {
            await stations.Attacker.DisposeAsync().ConfigureAwait(false);
        }

        if (stations.Legacy is not null)
        {
            await stations.Legacy.DisposeAsync().ConfigureAwait(false);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300), clock, cancellationToken).ConfigureAwait(false);
        NamePeers(ledger, roster);
        var peers = roster.PeerStations(_part);
        var bySource = peers.ToDictionary(s => s.Source, StringComparer.Ordinal);

        // A peer's frame decided before its roster was heard is named now (the ledger named it by its source).
        var entries = ledger.Snapshot().Where(e => e.ReceivedAt < end)
            .Select(e => e.Kind == SenderKind.Unknown && bySource.TryGetValue(e.Sender, out var s) ? e with { Sender = s.Name, Kind = s.Kind } : e).ToList();
        foreach (var phase in new[] { DemoPhase.Clean, DemoPhase.Tampered })
        {
            await _output.WriteAsync(LiveTable.Render(entries, phase, $"part {_part}: decisions of the {phase.ToString().ToLowerInvariant()} phase:", inPlace: false)).ConfigureAwait(false);
        }

        var summary = await SummarizeAsync(plan, stations, ledger, entries, peers, (start, tamperAt, end), pki, hubWatch,
            firstAnomalyReport.Task.IsCompletedSuccessfully ? firstAnomalyReport.Task.Result : null, roster, triggers, cancellationToken).ConfigureAwait(false);
        await stations.DisposeAsync().ConfigureAwait(false);
        var text = SummaryText.Render(summary);
        await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.txt"), text, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.json"), SummaryText.ToJson(summary), cancellationToken).ConfigureAwait(false);
        var report = Report.RunReport.Write(summary, entries);
        await _output.WriteLineAsync(text).ConfigureAwait(false);
        await Say($"written: {Path.Combine(o.OutputDirectory, "summary.txt")}, summary.json, {report}, decisions.jsonl, a pcap per station of this part").ConfigureAwait(false);
        return summary;
    }

    // Until the run's end, the roster keeps announcing the attacker's replay counts (the other parts check them).
    private async Task WaitUntilAsync(DateTimeOffset end, PartRoster roster, DemoStations stations, CancellationToken cancellationToken)
    {
        var clock = _options.Clock;
        while (clock.GetUtcNow() < end)
        {
            roster.ReportReplays(stations.Attacker?.ExactSent ?? 0, stations.Attacker?.AlteredSent ?? 0);
            var left = end - clock.GetUtcNow();
            await Task.Delay(left < _options.RefreshInterval ? left : _options.RefreshInterval, clock, cancellationToken).ConfigureAwait(false);
        }

        roster.ReportReplays(stations.Attacker?.ExactSent ?? 0, stations.Attacker?.AlteredSent ?? 0);
    }

    private void NamePeers(DecisionLedger ledger, PartRoster roster)
    {
        foreach (var s in roster.PeerStations(_part))
        {
            ledger.AddSource(s.Source, s.Name, s.Kind);
        }
    }

    private async Task<DemoSummary> SummarizeAsync(ScenarioPlan plan, DemoStations stations, DecisionLedger ledger, List<LedgerEntry> entries,
        IReadOnlyList<PartRoster.Station> peers, (DateTimeOffset Start, DateTimeOffset TamperAt, DateTimeOffset End) times, DemoPki pki, HubWatch? hubWatch,
        double? firstAnomalyReportMs, PartRoster roster, Dictionary<string, IReadOnlyList<DateTimeOffset>> triggers, CancellationToken cancellationToken)
    {
        var o = _options;
        var sent = stations.Obus.Select(b => new StationSent(b.Name, b.Node.Sender.TransmittedCount, b.Node.Sender.WithheldCount, stations.EeblTriggers(b.Name), b.PkiRequests.Counts)).ToList();
        var pcaps = stations.Obus.Select(b => new PcapFile(b.Name, b.PcapPath)).ToList();
        if (stations.Legacy is not null)
        {
            sent.Add(new StationSent(stations.Legacy.Name, stations.Legacy.Sent + stations.Legacy.DenmsSent, 0, stations.Legacy.DenmsSent, stations.LegacyPkiRequests!.Counts));
            pcaps.Add(new PcapFile(stations.Legacy.Name, stations.LegacyPcap!));
        }

        if (stations.AttackerPcap is not null)
        {
            pcaps.Add(new PcapFile("attacker", stations.AttackerPcap));
        }

        // The replays sent: this part's attacker's, or what the other parts' rosters said theirs had sent.
        var (peerExact, peerAltered) = roster.PeerReplays(_part);
        var replays = stations.Attacker is { } a
            ? new ReplaySummary(a.Heard, a.ExactSent, a.AlteredSent, [])
            : new ReplaySummary(0, peerExact, peerAltered, []);
        var run = new RunInfo(times.Start, ledger.TamperedAt ?? times.TamperAt, times.End, o.ObuCount, o.Seed, plan.Names[plan.Tampered], o.ScanPeriod.TotalSeconds,
            o.DetectionPeriod.TotalSeconds, o.KeyStoreDescription, pki.Folder, pki.Address.ToString(), "239.255.47.1", o.RadioPort, o.OutputDirectory, firstAnomalyReportMs,
            o.RadioInterface.Equals(IPAddress.Loopback) ? "loopback" : o.RadioInterface.ToString(), TamperFaults.Name(o.TamperFault));
        var hubSummary = hubWatch is null ? null : await hubWatch.SummarizeAsync(run.TamperedAt, cancellationToken).ConfigureAwait(false);
        foreach (var (name, at) in stations.EeblTriggeredAt())
        {
            triggers[name] = at;
        }

        var receivers = stations.Obus.Select(b => b.Name).ToList();
        var summary = SummaryBuilder.Build(entries, ledger.Brakes(), new SummaryBuilder.Inputs(run, plan.Names, "legacy-1", o.DetectionPeriod, replays, sent, pcaps,
            hubSummary, triggers, receivers));
        return summary with { Expectations = [.. summary.Expectations, HeardPeers(entries, receivers, peers)], NotRun = NotRunInParts };
    }

    // The part's own check: every receiver here decided on frames of every station of the other parts (accepted frames of
    // their OBUs and legacy station; any decision on their attacker's replays).
    internal Expectation HeardPeers(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<string> receivers, IReadOnlyList<PartRoster.Station> peers)
    {
        var missing = receivers.SelectMany(r => peers.Where(p => !entries.Any(e => e.Receiver == r && e.Sender == p.Name && e.Kind == p.Kind
                && (p.Kind is SenderKind.ExactReplay or SenderKind.AlteredReplay || e.Outcome == ReceiveOutcome.Accepted)))
            .Select(p => $"{r}←{p.Name} ({p.Kind})")).ToList();
        var others = string.Join(", ", Enumerable.Range(1, _part.Count).Where(p => p != _part.Index));
        return new Expectation($"part {_part}: every receiver decided on every station of part(s) {others}", peers.Count > 0 && missing.Count == 0,
            peers.Count == 0 ? "no station of another part was heard"
            : missing.Count == 0 ? $"{receivers.Count} receiver(s) × {peers.Count} station(s) of the other part(s): {string.Join(", ", peers.Select(p => $"{p.Name} ({p.Kind})").Distinct())}"
            : "nothing decided: " + string.Join(", ", missing));
    }
}
