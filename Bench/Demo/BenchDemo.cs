using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Hub;
using Bench.Live;
using Bench.Tls;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Composition;
using Firmware.Application.Sending;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pki.Store;
using V2x.Integrity;
using V2x.Pcap;
using V2x.Security.Crypto;

namespace Bench.Demo;

/// <summary>
/// The one-command bench demo (issue 5 item 7): a fresh PKI served on loopback; OBUs on simulated boards,
/// each with its own secure partition over the partition protocol, on a UDP multicast radio; a legacy station;
/// a replay attacker; one OBU tampered half-way; the sharing-community hub, to which every OBU's upstream
/// forwarder delivers its anomaly summaries; a live table; at the end a summary (text and JSON), a
/// decision log and a pcap per node. <see cref="RunAsync"/> returns the summary, whose expectations make the
/// demo a check.
/// </summary>
public sealed partial class BenchDemo
{
    private readonly DemoOptions _options;
    private readonly TextWriter _output;
    private readonly ILoggerFactory _loggers;
    private readonly List<string> _notes = [];

    /// <summary>A demo with <paramref name="options"/>, printing to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, or an output folder that is not empty.</exception>
    public BenchDemo(DemoOptions options, TextWriter output, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        if (Directory.Exists(options.OutputDirectory) && Directory.EnumerateFileSystemEntries(options.OutputDirectory).Any())
        {
            throw new ArgumentException($"The output folder {options.OutputDirectory} is not empty.", nameof(options));
        }

        _options = options;
        _output = output;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>Runs the demo to its end and returns the summary (also written to the output folder).</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var o = _options;
        var clock = o.Clock;
        Directory.CreateDirectory(o.OutputDirectory);
        var plan = ScenarioPlan.Draw(o);
        var port = o.RadioPort != 0 ? o.RadioPort : FreeUdpPort();
        var group = IPAddress.Parse("239.255.47.1");
        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8];
        await Say($"bench demo: {o.ObuCount} OBUs, 1 legacy station, 1 replay attacker, 1 ghost vehicle; {o.Duration.TotalSeconds:0} s; seed {o.Seed}; output {o.OutputDirectory}").ConfigureAwait(false);
        await Say($"keys: {o.KeyStoreDescription}; integrity report carrier: {(o.Carrier == ReportCarrier.Facilities ? "facilities (in the CAM/DENM)" : "HeaderInfo (contributedExtensions)")}").ConfigureAwait(false);

        using var tls = DemoTls.Create(o.OutputDirectory);
        await using var pki = await DemoPki.StartAsync(Path.Combine(o.OutputDirectory, "pki"), clock, tls, cancellationToken, models: o.IdfModels).ConfigureAwait(false);
        await Say($"pki: root, EA, AA and audit CA in {pki.Folder}; audit CA assessed {DemoPki.ObuIdf.Model} {DemoPki.ObuIdf.Version}{string.Concat((o.IdfModels ?? []).Where(m => m != DemoPki.ObuIdf).Distinct().Select(m => $", {m.Model} {m.Version}"))} at level {DemoPki.AssessedLevel}; serving {pki.Address}").ConfigureAwait(false);

        // Declared before the stations, so it stops after their forwarders.
        await using var hub = o.Hub ? await DemoHub.StartAsync(Path.Combine(o.OutputDirectory, "hub"), clock, pki, cancellationToken).ConfigureAwait(false) : null;
        if (hub is not null)
        {
            await Say($"hub: ITU-T X.1382 sharing community at {hub.ApiRoot} (SQLite {hub.DatabasePath}); OBUs post to 'Fleet anomalies' signed by their authorization tickets (no fleet secret), org cert (analyst reads it); HTTPS under {tls.CaPath}").ConfigureAwait(false);
        }

        using var oemKey = EcdsaP256SignatureKey.Generate();

        // Declared before the stations, so it stops after their posture pollers.
        await using var posture = await DemoPosture.StartAsync(Path.Combine(o.OutputDirectory, "posture"), pki, oemKey, clock, cancellationToken).ConfigureAwait(false);
        await Say($"posture server: {posture.Address} (SQLite {posture.DatabasePath}); the OBUs poll it every {DemoPosture.PollPeriod.TotalSeconds:0.#} s, signed by their enrolment credentials, encrypted for its certificate").ConfigureAwait(false);
        using var ledger = new DecisionLedger(new BufferedStream(File.Create(Path.Combine(o.OutputDirectory, "decisions.jsonl")), 1 << 16));
        var stations = new DemoStations(ledger);
        await using (stations.ConfigureAwait(false))
        {
            // Manufacture: boards flashed, partitions booted, canonical keys registered at the EA.
            // Every vehicle on the block's loop, the tampered OBU and the OBU whose posture turns critical: the scenario's seeded
            // draws (ScenarioPlan, which a part of the scenario run by another process makes alike).
            var routes = plan.Routes;
            for (var i = 0; i < o.ObuCount; i++)
            {
                var name = $"obu-{i + 1}";
                var obu = await BenchObu.CreateAsync(new BenchObuSettings
                {
                    Name = name,
                    Folder = Path.Combine(o.OutputDirectory, name),
                    Clock = clock,
                    Route = Route(clock, routes[i]),
                    OemKey = oemKey,
                    Pki = pki,
                    KeyStore = o.KeyStore,
                    LabelPrefix = $"bench-{runId}-",
                    ScanPeriod = o.ScanPeriod,
                    CrlRefreshPeriod = o.CrlRefreshPeriod,
                    MisbehaviourReportInterval = DemoOptions.MisbehaviourReportInterval,
                    Idf = o.IdfOf(i),
                    RadioGroup = group,
                    RadioPort = port,
                    Hub = hub,
                    UpstreamInterval = o.UpstreamInterval,
                    Carrier = o.Carrier,
                    Loggers = _loggers,
                    Record = o.Record,
                    MisbehaviourQueuePath = Path.Combine(o.OutputDirectory, name, "mbr.db"),
                    PostureServer = posture.Client(pki),
                    PosturePeriod = DemoPosture.PollPeriod,
                    InstalledApplications = [i == plan.Posture ? DemoPosture.OutdatedLibrary : DemoPosture.CurrentLibrary],
                }, cancellationToken).ConfigureAwait(false);
                stations.Add(obu);
            }

            await stations.AddLegacyAsync(pki, group, port, clock, Route(clock, routes[^1]), o.OutputDirectory, cancellationToken).ConfigureAwait(false);
            stations.AddAttacker(group, port, clock, o.Seed, o.OutputDirectory);
            await stations.AddGhostAsync(pki, group, port, clock, o.OutputDirectory, cancellationToken).ConfigureAwait(false);

            // In the vehicle: enrol, get the ticket, fetch the CRLs over HTTP; then CAMs start.
            await Task.WhenAll(stations.Obus.Select(obu => obu.StartAsync(cancellationToken))).ConfigureAwait(false);
            stations.Legacy!.Start();
            await Say($"radio: UDP multicast {group}:{port} on loopback; {string.Join(", ", stations.Obus.Select(b => $"{b.Name} station {b.Node.Identity.StationId}"))}; {stations.Legacy.Name} (legacy)").ConfigureAwait(false);

            var start = clock.GetUtcNow();
            var tamperAt = start + (o.Duration / 2);
            var end = start + o.Duration;
            var tampered = stations.Obus[plan.Tampered];
            var postureObu = stations.Obus[plan.Posture];
            var postureWatch = new PostureWatch(postureObu, clock);
            stations.Attacker!.Start(start + TimeSpan.FromSeconds(1), end - TimeSpan.FromSeconds(1));

            // Issue 14, Build 8: the ghost sends false CAMs from the first second to the end; the OBUs report it, the
            // misbehaviour authority revokes it, and after their next CRL refresh (every third of the run) they reject it.
            // Its place is the middle of the block, off the road: no genuine car passes it, so none is a second sender there.
            stations.Ghost!.Start(GhostPlace, start + TimeSpan.FromSeconds(1), end - TimeSpan.FromMilliseconds(500));
            await Say($"ghost: {stations.Ghost.Name} (a valid ticket) sends CAMs claiming {GhostStation.ClaimedSpeed:0} m/s from t = 1 s; OBUs report findings to the misbehaviour authority at {pki.Address}").ConfigureAwait(false);

            // A scenario file's reflection (Bench/Attacks): the victim's own frames sent back to it.
            var victim = o.Reflection is { } reflection ? stations.Obus[reflection.Victim - 1] : null;
            await using var reflector = victim is null ? null : Attacks.ReflectionStation.Create(ledger, group, port, clock, o.Seed, o.OutputDirectory, () => victim.RadioSource);
            reflector?.Start(start + o.Reflection!.At, start + (o.Reflection.Until ?? o.Duration - TimeSpan.FromSeconds(1)));
            var modelWatch = o.ModelCompromise is { } compromise ? new ModelWatch(compromise, o, stations.Obus, ledger, clock) : null;
            var firstAnomalyReport = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            tampered.Node.Sender.Sent += r =>
            {
                if (ledger.TamperedAt is { } t && r.Time >= t && r.ReportIncluded && r.Level != IntegrityLevel.NoAnomaly)
                {
                    firstAnomalyReport.TrySetResult(Math.Round((r.Time - t).TotalMilliseconds));
                }
            };

            var schedule = new List<(DateTimeOffset At, Func<Task> Action)>
            {
                (tamperAt, () =>
                {
                    ledger.BeginTamperedPhase(clock.GetUtcNow());
                    tampered.Tamper(o.TamperFault);
                    return Note($"tamper ({TamperFaults.Name(o.TamperFault)}) on {tampered.Name}: {TamperFaults.Describe(o.TamperFault)}");
                }),

                // Issue 14, Build 8: at the same instant, on another OBU, the posture server learns of a critical weakness in the
                // curl only that OBU has not updated; its next poll turns its posture critical, its reports carry the grade.
                (tamperAt, () =>
                {
                    var published = postureWatch.Publish(posture, clock.GetUtcNow());
                    o.Live?.Attack(clock.GetUtcNow(), "posture", postureObu.Name,
                        $"the posture server learns of {string.Join(", ", published)}: the curl only this OBU has not updated ({DemoPosture.OutdatedLibrary.Version}); its next poll answers critical");
                    return Note($"posture: the posture server imports {DemoPosture.AdvisorySource}: {string.Join(", ", published)}; {postureObu.Name} runs {DemoPosture.OutdatedLibrary.Name} {DemoPosture.OutdatedLibrary.Version} (the others {DemoPosture.CurrentLibrary.Version})");
                }),
            };

            // The ghost goes on the air (the live view's attacks).
            schedule.Add((start + TimeSpan.FromSeconds(1), () =>
            {
                o.Live?.Attack(clock.GetUtcNow(), "ghost", stations.Ghost.Name,
                    $"a station with a valid ticket sends CAMs claiming {GhostStation.ClaimedSpeed:0} m/s in the middle of the block; the OBUs report it to the misbehaviour authority");
                return Task.CompletedTask;
            }));

            if (modelWatch is not null)
            {
                schedule.Add((start + o.ModelCompromise!.At, () => ExploitModel(modelWatch)));
            }

            // One EEBL per OBU and phase: in the clean phase at 40 % of it, in the tampered phase one detection period after the tamper.
            // (DemoOptions.Validate has checked that the last of them, the legacy station's, fits in the run.)
            var eebl = DenmEvent.EmergencyElectronicBrakeLight with { Validity = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < stations.Obus.Count; i++)
            {
                var obu = stations.Obus[i];
                var stagger = DemoOptions.EeblStagger * i;
                schedule.Add((start + o.CleanEeblAfter + stagger, () => stations.TriggerEeblAsync(obu, eebl, clock, cancellationToken)));
                schedule.Add((tamperAt + o.TamperedEeblAfter + stagger, () => stations.TriggerEeblAsync(obu, eebl, clock, cancellationToken)));
            }

            // The legacy station brakes hard too, once per phase, after the OBUs: its DENM takes the conventional path.
            var legacyStagger = DemoOptions.EeblStagger * stations.Obus.Count;
            schedule.Add((start + o.CleanEeblAfter + legacyStagger, () => stations.Legacy.SendEeblAsync(eebl, cancellationToken)));
            schedule.Add((tamperAt + o.TamperedEeblAfter + legacyStagger, () => stations.Legacy.SendEeblAsync(eebl, cancellationToken)));

            var hubWatch = hub is null ? null : new HubWatch(hub, tampered, stations.Obus);
            await using var live = o.Live is null ? null : LiveDemo.Start(o.Live, o, ledger, stations, hub, tampered, start, end, start + TimeSpan.FromSeconds(1), cancellationToken);
            await RunScheduleAsync(ledger, schedule.OrderBy(s => s.At).ToList(), start, tamperAt, end, tampered.Name, hubWatch, cancellationToken).ConfigureAwait(false);

            // Let the last frames in flight be decided, then stop the senders before the receivers.
            await stations.Ghost.DisposeAsync().ConfigureAwait(false);
            await stations.Attacker.DisposeAsync().ConfigureAwait(false);
            if (reflector is not null)
            {
                await reflector.DisposeAsync().ConfigureAwait(false);
            }
            await stations.Legacy.DisposeAsync().ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(300), clock, cancellationToken).ConfigureAwait(false);
            var entries = ledger.Snapshot().Where(e => e.ReceivedAt < end).ToList();
            var brakes = ledger.Brakes();
            var sent = stations.Obus.Select(b => new StationSent(b.Name, b.Node.Sender.TransmittedCount, b.Node.Sender.WithheldCount, stations.EeblTriggers(b.Name),
                    b.PkiRequests.Counts))
                .Append(new StationSent(stations.Legacy.Name, stations.Legacy.Sent + stations.Legacy.DenmsSent, 0, stations.Legacy.DenmsSent, stations.LegacyPkiRequests!.Counts)).ToList();
            var pcaps = stations.Obus.Select(b => new PcapFile(b.Name, b.PcapPath))
                .Append(new PcapFile(stations.Legacy.Name, stations.LegacyPcap!))
                .Append(new PcapFile("attacker", stations.AttackerPcap!))
                .Append(new PcapFile(stations.Ghost.Name, stations.GhostPcap!)).ToList();
            var run = new RunInfo(start, ledger.TamperedAt ?? tamperAt, end, o.ObuCount, o.Seed, tampered.Name, o.ScanPeriod.TotalSeconds, o.DetectionPeriod.TotalSeconds,
                o.KeyStoreDescription, pki.Folder, pki.Address.ToString(), group.ToString(), port, o.OutputDirectory,
                firstAnomalyReport.Task.IsCompletedSuccessfully ? firstAnomalyReport.Task.Result : null, Tamper: TamperFaults.Name(o.TamperFault));
            var hubSummary = hubWatch is null ? null : await hubWatch.SummarizeAsync(run.TamperedAt, cancellationToken).ConfigureAwait(false);
            // With a compromised model, the demo's own checks take the other models' OBUs as senders (every OBU still receives):
            // the model's stations are revoked, which its own checks below follow.
            var summary = SummaryBuilder.Build(entries, brakes, new SummaryBuilder.Inputs(run,
                [.. stations.Obus.Select(b => b.Name).Where(n => modelWatch?.ModelObus.Contains(n) != true)], stations.Legacy.Name,
                o.DetectionPeriod, new ReplaySummary(stations.Attacker.Heard, stations.Attacker.ExactSent, stations.Attacker.AlteredSent, []), sent, pcaps, hubSummary,
                stations.EeblTriggeredAt(), Receivers: modelWatch is null ? null : [.. stations.Obus.Select(b => b.Name)], Ghost: Ghost(pki, stations.Ghost, modelWatch?.Target),
                Findings: ledger.Findings(), Posture: postureWatch.Summary(DemoPosture.DetectionPeriod)));
            if (modelWatch is not null)
            {
                var (model, checks) = SummaryBuilder.ModelCompromise(entries, modelWatch.Facts(pki, o, o.TamperFault == TamperFault.TamperedFirmware ? tampered.Name : null));
                summary = summary with { Model = model, Expectations = [.. summary.Expectations, .. checks] };
            }

            if (reflector is not null)
            {
                summary = summary with { Expectations = [.. summary.Expectations, reflector.Evaluate(entries, victim!.Name, victim.Name, o.Reflection!.At.TotalSeconds).Check] };
            }
            var cpu = stations.Obus.Select(b => b.Cpu).ToList();
            await stations.DisposeAsync().ConfigureAwait(false);
            o.Live?.End(clock.GetUtcNow(), summary.Passed);

            var text = SummaryText.Render(summary);
            await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.txt"), text, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.json"), SummaryText.ToJson(summary), cancellationToken).ConfigureAwait(false);
            var report = Report.RunReport.Write(summary, entries, cpu);
            await _output.WriteLineAsync(text).ConfigureAwait(false);
            await Say($"written: {Path.Combine(o.OutputDirectory, "summary.txt")}, summary.json, {report} with its plots and report.json, decisions.jsonl (every decision with its reasons), pcaps above").ConfigureAwait(false);
            return summary;
        }
    }

    // A UDP port no socket on this host holds right now (for the radio when none is given).
    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    // The Munich block's loop, started slot/of of the way round it.
    internal static SimulatedRoute Route(TimeProvider clock, (int Slot, int Of) place)
    {
        var loop = new SimulatedRoute(clock, SimulatedRoute.MunichBlock).LoopTime;
        return new SimulatedRoute(clock, SimulatedRoute.MunichBlock, 519, loop * place.Slot / place.Of);
    }

    private async Task RunScheduleAsync(DecisionLedger ledger, List<(DateTimeOffset At, Func<Task> Action)> schedule, DateTimeOffset start, DateTimeOffset tamperAt,
        DateTimeOffset end, string tamperedName, HubWatch? hub, CancellationToken cancellationToken)
    {
        var clock = _options.Clock;
        var next = 0;
        var printedClean = false;
        var announced = new HashSet<string>(StringComparer.Ordinal);

        // Each action starts at its instant and is not awaited before the next one starts: under load an EEBL trigger waits
        // for its OBU's partition to sign the DENM (hundreds of ms), and awaited in turn each one's wait
        // delayed every later action (issue 14: a run at load 37 was 1.7 s late). Their synchronous parts still run in
        // the schedule's order; they are all awaited after the loop. How late the latest one started is printed.
        var started = new List<Task>();
        var latest = (Late: TimeSpan.Zero, At: start);
        while (true)
        {
            var now = clock.GetUtcNow();
            while (next < schedule.Count && schedule[next].At <= now)
            {
                var (at, action) = schedule[next++];
                if (now - at > latest.Late)
                {
                    latest = (now - at, at);
                }

                started.Add(action());
            }

            // The hub is read (up to its client's timeout) only for a line that will be printed.
            var printClean = !printedClean && now >= tamperAt && !_options.InPlace;
            var hubLine = hub is not null && HubLineDue(_options.InPlace, printClean) ? await hub.LineAsync(cancellationToken).ConfigureAwait(false) : null;
            if (printClean)
            {
                printedClean = true;
                await _output.WriteAsync(LiveTable.Render(ledger.Snapshot(), DemoPhase.Clean, "decisions of the clean phase:", inPlace: false)).ConfigureAwait(false);
                if (hubLine is not null)
                {
                    await _output.WriteLineAsync(hubLine).ConfigureAwait(false);
                }
            }

            var phase = now >= tamperAt ? DemoPhase.Tampered : DemoPhase.Clean;
            if (ledger.TamperedAt is { } tamperedAt)
            {
                foreach (var first in ledger.Snapshot().Where(e => e.Sender == tamperedName && e.Phase == DemoPhase.Tampered && e.IsMitigation)
                             .GroupBy(e => e.Receiver).Select(g => g.MinBy(e => e.DecidedAt)!).Where(e => announced.Add(e.Receiver)).OrderBy(e => e.DecidedAt))
                {
                    await Note(string.Create(CultureInfo.InvariantCulture,
                        $"{first.Receiver}: first mitigation about {tamperedName}: {first.Message} {first.Decision} ({first.Row}, report {first.ReportLevel}) {(first.DecidedAt - tamperedAt).TotalMilliseconds:0} ms after the tamper")).ConfigureAwait(false);
                }
            }

            if (hub?.FirstSummaryAt is { } stored && ledger.TamperedAt is { } tamperTime && hub.Announce())
            {
                await Note(string.Create(CultureInfo.InvariantCulture,
                    $"hub: {tamperedName}'s anomaly summary acknowledged {(stored - tamperTime).TotalMilliseconds:0} ms after the tamper")).ConfigureAwait(false);
            }

            if (_options.InPlace)
            {
                var heading = string.Create(CultureInfo.InvariantCulture,
                    $"bench demo  t = {(now - start).TotalSeconds,5:0.0} s of {(end - start).TotalSeconds:0} s   phase {phase}{(phase == DemoPhase.Tampered ? $" ({tamperedName} tampered at t = {(tamperAt - start).TotalSeconds:0.0} s)" : "")}   deferred {ledger.Deferred}");
                await _output.WriteAsync(LiveTable.Render(ledger.Snapshot(), phase, heading, inPlace: true)).ConfigureAwait(false);
                if (hubLine is not null)
                {
                    await _output.WriteLineAsync(hubLine).ConfigureAwait(false);
                }

                foreach (var line in _notes)
                {
                    await _output.WriteLineAsync(line).ConfigureAwait(false);
                }
            }

            if (now >= end)
            {
                break;
            }

            var wake = new[] { now + _options.RefreshInterval, end, next < schedule.Count ? schedule[next].At : end }.Min();
            await Task.Delay(wake - now, clock, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(started).ConfigureAwait(false);
        await Note(string.Create(CultureInfo.InvariantCulture,
            $"schedule: {schedule.Count} actions, each started at most {latest.Late.TotalMilliseconds:0} ms after its time{(latest.Late > TimeSpan.Zero ? $" (the latest due at t = {(latest.At - start).TotalSeconds:0.00} s)" : "")}")).ConfigureAwait(false);
        if (!_options.InPlace)
        {
            await _output.WriteAsync(LiveTable.Render(ledger.Snapshot(), DemoPhase.Tampered, "decisions of the tampered phase:", inPlace: false)).ConfigureAwait(false);
            if (hub is not null)
            {
                await _output.WriteLineAsync(await hub.LineAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether a tick of the schedule prints the hub line: every tick when the table is redrawn in place; in plain
    /// mode only with the clean phase's table (the tampered phase's is printed after the loop).
    /// </summary>
    internal static bool HubLineDue(bool inPlace, bool printingCleanTable) => inPlace || printingCleanTable;

    private Task Say(string line) => _output.WriteLineAsync(line);

    // An event of the run: printed at once as a plain line, or kept under the table when it is redrawn in place.
    private Task Note(string line)
    {
        if (!_options.InPlace)
        {
            return Say(line);
        }

        _notes.Add(line);
        return Task.CompletedTask;
    }
}
