using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Bench.Tls;
using Firmware.Application.Receiving;
using Hardware.Positioning.Sumo;
using Hardware.Radio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Security.Crypto;

namespace Bench.Mobility;

/// <summary>
/// The bench driven by SUMO (issue 15): sumo runs the scenario on a free loopback port; <see cref="SumoMobility"/>
/// steps it, paced against the wall clock, and its simulation time is the clock of every component (PKI, boards,
/// partitions, nodes). Each departing vehicle gets an OBU (<see cref="BenchObu"/>, the demo's: simulated board, secure
/// partition, PKI enrolment, UDP multicast radio) while fewer than <see cref="SumoSettings.MaxObus"/> are on the road,
/// its board's position source being the vehicle; when the vehicle arrives its OBU is stopped. Every receiver's
/// decisions go to the demo's ledger (decisions.jsonl). At the end a summary with the run's checks.
/// </summary>
public sealed partial class SumoBench
{
    private static readonly IPAddress Group = IPAddress.Parse("239.255.47.1");
    private readonly DemoOptions _options;
    private readonly SumoSettings _sumo;
    private readonly TextWriter _output;
    private readonly ILoggerFactory _loggers;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _onRoad = new(StringComparer.Ordinal);
    private readonly List<Slot> _all = [];
    private int _mostAtOnce;
    private readonly List<Report.LoadSample> _samples = [];
    private readonly List<(TimeSpan Cpu, bool Full)> _cpuSeconds = [];
    private TimeSpan _cpuAtLastSample;
    private bool _full;
    private bool _fullSecond;
    private Live.LiveSumo? _live;

    /// <summary>A run with <paramref name="options"/> (whose <see cref="DemoOptions.Sumo"/> is set), printing to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, no SUMO settings, or an output folder that is not empty.</exception>
    public SumoBench(DemoOptions options, TextWriter output, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        _sumo = options.Sumo ?? throw new ArgumentException("A SUMO run needs the SUMO settings (--sumo FILE).", nameof(options));
        if (Directory.Exists(options.OutputDirectory) && Directory.EnumerateFileSystemEntries(options.OutputDirectory).Any())
        {
            throw new ArgumentException($"The output folder {options.OutputDirectory} is not empty.", nameof(options));
        }

        _options = options;
        _output = output;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>Runs <see cref="DemoOptions.Duration"/> of simulation time (or until the scenario ends) and returns the summary.</summary>
    /// <exception cref="SumoException">SUMO is not installed or does not run the configuration.</exception>
    /// <exception cref="TraciException">SUMO's answers broke the protocol.</exception>
    public async Task<SumoRunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var o = _options;
        var wall = Stopwatch.StartNew();
        Directory.CreateDirectory(o.OutputDirectory);
        await using var sumo = await SumoProcess.StartAsync(_sumo.Configuration, TimeSpan.FromSeconds(30),
            ["--seed", o.Seed.ToString(CultureInfo.InvariantCulture)], _sumo.Executable, cancellationToken).ConfigureAwait(false);
        var mobility = await SumoMobility.StartAsync(sumo.Client, new SumoMobilityOptions { Epoch = TimeProvider.System.GetUtcNow(), Pacing = _sumo.Pacing }, cancellationToken)
            .ConfigureAwait(false);
        var clock = mobility.Clock;
        await Say($"bench with SUMO: {_sumo.Configuration} ({sumo.Version.Identifier}, TraCI API {sumo.Version.ApiVersion}, port {sumo.Port}); step {mobility.StepLength} s; pacing {_sumo.Pacing} (simulation s per wall s); up to {_sumo.MaxObus} OBUs at once; {o.Duration.TotalSeconds:0} s of simulation; output {o.OutputDirectory}").ConfigureAwait(false);

        using var tls = DemoTls.Create(o.OutputDirectory);
        await using var pki = await DemoPki.StartAsync(Path.Combine(o.OutputDirectory, "pki"), clock, tls, cancellationToken).ConfigureAwait(false);
        using var oemKey = EcdsaP256SignatureKey.Generate();
        using var ledger = new DecisionLedger(new BufferedStream(File.Create(Path.Combine(o.OutputDirectory, "decisions.jsonl")), 1 << 16));
        var range = _sumo.Range(o.Seed);
        var port = o.RadioPort != 0 ? o.RadioPort : FreeUdpPort();
        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8];
        // The live view (--live): the OBUs join and leave it with their vehicles.
        await using var live = o.Live is null ? null
            : Live.LiveSumo.Start(o.Live, ledger, clock, clock.GetUtcNow(), clock.GetUtcNow() + o.Duration, o.DetectionPeriod, o.RefreshInterval, cancellationToken);
        _live = live;
        // One receiving socket for every OBU of the process, which applies the range per receiver (Hardware/Radio/SharedUdpMulticastRadio.cs).
        using var radio = new SharedUdpMulticastRadio(new UdpMulticastRadioOptions { Group = Group, Port = port, Time = clock }, range, f => V2x.Stack.SenderPosition.Read(f));
        var context = new RunContext(clock, pki, oemKey, ledger, range, radio, port, runId, cancellationToken);
        await Say($"pki: {pki.Address}; radio: UDP multicast {Group}:{port}; {RangeText(range)}; keys: {o.KeyStoreDescription}").ConfigureAwait(false);

        // The receivers' load: each OBU's signature verifications so far, once a second of simulation (Bench/Report/SumoReport.cs).
        var start = clock.GetUtcNow();
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        _cpuAtLastSample = cpuAtStart;
        using var sampler = clock.CreateTimer(_ => Sample(start, clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        // The scenario's attacks (Bench/Attacks): the tamper on its vehicle's OBU, the attacker riding with its vehicle.
        var attacks = new Attacks.SumoAttackRun(_sumo.Attacks, new(clock, start, o.Duration, o.DetectionPeriod, ledger, Group, port, range, o.Seed, o.OutputDirectory, ObuOnAir, Say, radio.PlaceTransmitter,
            pki, _sumo.CrlRefreshPeriod, _sumo.Models));
        // A posture turning critical (Bench/Attacks/SumoAttackRun.Posture.cs): the demo's posture server, polled by every OBU.
        await using var posture = await StartPostureAsync(pki, oemKey, clock, attacks, cancellationToken).ConfigureAwait(false);
        mobility.VehicleJoined += v => Join(v, context);
        mobility.VehicleLeft += v => Leave(v, v.LeftAt ?? clock.GetUtcNow());
        mobility.VehicleJoined += attacks.Joined;
        mobility.VehicleLeft += attacks.Left;
        foreach (var v in mobility.Vehicles)
        {
            Join(v, context);
            attacks.Joined(v);
        }

        var cpu = TimeSpan.Zero;
        var simulated = 0.0;
        try
        {
            await mobility.RunAsync(o.Duration, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cpu = Environment.CpuUsage.TotalTime - cpuAtStart;
            simulated = (clock.GetUtcNow() - start).TotalSeconds;
            // The attackers stop first; the vehicles still driving stop with the run; every OBU is stopped before the summary is read.
            await attacks.DisposeAsync().ConfigureAwait(false);
            List<Slot> remaining;
            lock (_lock)
            {
                remaining = [.. _onRoad.Values];
                _onRoad.Clear();
            }

            foreach (var slot in remaining)
            {
                slot.Stopped = StopAsync(slot);
            }

            await Task.WhenAll(AllSlots().Select(s => s.Stopped ?? Task.CompletedTask)).ConfigureAwait(false);
            await StopAllLegacyAsync().ConfigureAwait(false);
        }

        List<(TimeSpan Cpu, bool Full)> cpuSeconds;
        lock (_lock)
        {
            cpuSeconds = [.. _cpuSeconds];
        }

        var summary = Summarize(mobility, sumo.Version.Identifier, ledger.Snapshot(), range, wall.Elapsed, RevokedForOwnCompromise(pki), attacks.ModelStations) with
        {
            Cpu = SumoCpuFigures.Of(cpu, simulated, cpuSeconds, [.. AllSlots().Where(s => s.StartUpCpu is not null).Select(s => s.StartUpCpu!.Value)]),
        };
        var (attackFigures, attackChecks) = attacks.Evaluate(ledger.Snapshot());
        summary = summary with { Attacks = attackFigures, Expectations = [.. summary.Expectations, .. LegacyChecks(ledger.Snapshot()), .. attackChecks, NoGenuineReported(ledger, pki, attacks.Ghosts, attacks.ModelStations, attacks.ModelTarget)] };
        var text = summary.Render();
        await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.txt"), text, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(o.OutputDirectory, "summary.json"),
            System.Text.Json.JsonSerializer.Serialize(summary, SummaryJson.Options), cancellationToken).ConfigureAwait(false);
        await _output.WriteLineAsync(text).ConfigureAwait(false);
        Report.LoadSample[] samples;
        lock (_lock)
        {
            samples = [.. _samples];
        }

        var report = Report.SumoReport.Build(summary, start, ledger.Snapshot(), samples, [.. AllSlots().Where(s => s.Cpu is not null).Select(s => s.Cpu!)]);
        var page = Report.SumoReport.Write(report, o.OutputDirectory);
        await Say(Report.SumoReport.LoadLine(report)).ConfigureAwait(false);
        await Say($"written: {Path.Combine(o.OutputDirectory, "summary.txt")}, summary.json, {page} with its plots and report.json, decisions.jsonl").ConfigureAwait(false);
        o.Live?.End(clock.GetUtcNow(), summary.Passed);
        return summary;
    }

    // A departing vehicle (one of EquippedVehicles when set) gets an OBU while fewer than MaxObus are on the road; it is built and started off the stepping thread.
    private void Join(SumoVehicle vehicle, RunContext run)
    {
        if (IsLegacy(vehicle.Id))
        {
            JoinLegacy(vehicle, run);
            return;
        }

        Slot slot;
        lock (_lock)
        {
            if (_onRoad.Count >= _sumo.MaxObus || _onRoad.ContainsKey(vehicle.Id) || _sumo.EquippedVehicles?.Contains(vehicle.Id) == false)
            {
                return;
            }

            slot = new Slot($"obu-{_all.Count + 1}", vehicle);
            _onRoad.Add(vehicle.Id, slot);
            _all.Add(slot);
            _mostAtOnce = Math.Max(_mostAtOnce, _onRoad.Count);
            _full |= _onRoad.Count == _sumo.MaxObus;
        }

        slot.Started = Task.Run(() => StartAsync(slot, run), CancellationToken.None);
    }

    private void Leave(SumoVehicle vehicle, DateTimeOffset now)
    {
        if (IsLegacy(vehicle.Id))
        {
            LeaveLegacy(vehicle, now);
            return;
        }

        Slot? slot;
        lock (_lock)
        {
            if (!_onRoad.Remove(vehicle.Id, out slot))
            {
                return;
            }
        }

        slot.LeftAt = now;
        slot.Stopped = StopAsync(slot);
    }

    // Once a second of simulation: each started OBU's running counters, and the process's CPU time in the second.
    private void Sample(DateTimeOffset start, DateTimeOffset now)
    {
        var second = (int)Math.Round((now - start).TotalSeconds);
        var cpu = Environment.CpuUsage.TotalTime;
        lock (_lock)
        {
            // A second counts as full when the run had its most OBUs at once before it began.
            _cpuSeconds.Add((cpu - _cpuAtLastSample, _fullSecond));
            _cpuAtLastSample = cpu;
            _fullSecond = _full;
            foreach (var slot in _all.Where(s => s.Stopped is null))
            {
                if (slot.Obu is { } obu)
                {
                    _samples.Add(new Report.LoadSample(second, slot.Name, obu.Node.Receiver.Statistics.SignatureVerifications));
                }
            }
        }
    }

    // The OBU on the air in a vehicle (the attacks' target), or null.
    private BenchObu? ObuOnAir(string vehicle)
    {
        lock (_lock)
        {
            return _onRoad.TryGetValue(vehicle, out var slot) && slot.OnAirAt is not null ? slot.Obu : null;
        }
    }

    private List<Slot> AllSlots()
    {
        lock (_lock)
        {
            return [.. _all];
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string RangeText(RadioRange? range) => range is null
        ? "range: off (every node hears every frame)"
        : string.Create(CultureInfo.InvariantCulture, $"range {range.Options.RangeMeters} m{(range.Options.LossFromMeters is { } l ? $", loss from {l} m" : string.Empty)}, placed by the GN source position of each frame (an attacker's radio at the vehicle it rides with)");

    private Task Say(string line) => _output.WriteLineAsync(line);

    private sealed record RunContext(SimulationClock Clock, DemoPki Pki, EcdsaP256SignatureKey OemKey, DecisionLedger Ledger, RadioRange? Range, SharedUdpMulticastRadio Radio,
        int Port, string RunId,
        CancellationToken Cancellation);

    private sealed class Slot(string name, SumoVehicle vehicle)
    {
        public string Name { get; } = name;

        public SumoVehicle Vehicle { get; } = vehicle;

        public Task Started { get; set; } = Task.CompletedTask;

        public Task? Stopped { get; set; }

        // The OBU while it runs; null once stopped (a stopped OBU's pipeline, trust store and partition are not kept to
        // the end of the run: 200 vehicles pass in a 120 s motorway run).
        public BenchObu? Obu { get; set; }

        // Its CPU account, kept for the report.
        public Report.ObuCpu? Cpu { get; set; }

        public DateTimeOffset? OnAirAt { get; set; }

        public DateTimeOffset? LeftAt { get; set; }

        public long CamsSent { get; set; }

        public TimeSpan? StartUpCpu { get; set; }

        public string? Error { get; set; }

        // Why the PKI refused it (an OBU of the compromised model departing after the model's revocation), or null.
        public string? Refused { get; set; }
    }
}
