using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Receiving;
using Hardware.Positioning.Sumo;

namespace Bench.Attacks;

/// <summary>
/// The floods of a SUMO run (Docs/bench.md, "Floods in SUMO"): a <see cref="FloodStation"/> rides with its vehicle from
/// when it departs (or the flood's start) to when it arrives (or the flood's end). While a flood runs, the receivers'
/// running counters (signature verifications, receive queue peak) are read each tenth of a second of simulation; the
/// checks are over the receivers that decided at least one of its frames (those in its range): none accepted and no replay
/// accepted (<c>flood-refused</c>); the genuine OBUs' frames decided within 100 ms of arrival, the queues below their
/// capacity (<c>flood-in-time</c>, a figure of the machine's load as much as of the receivers).
/// </summary>
public sealed partial class SumoAttackRun
{
    /// <summary>A SUMO flood's frames per second when the scenario gives no <c>rate</c> (Docs/bench.md, "Floods in SUMO": chosen from its measured cost).</summary>
    public const double DefaultFloodRate = 20;

    /// <summary>The tickets a flooder signs under: heard in its range (forged-signature flood, at most) or from the AA (valid-ticket flood).</summary>
    public const int FloodTickets = 20;

    /// <summary>The share of genuine frames that must be decided within <see cref="FloodDeadline"/> (the flood bench's target).</summary>
    public const double FloodInTimeAtLeast = 0.95;

    /// <summary>The deadline of a genuine frame during a flood (the flood bench's, FloodOptions.Deadline).</summary>
    public static readonly TimeSpan FloodDeadline = TimeSpan.FromMilliseconds(100);

    private static readonly int QueueCapacity = new ReceiveLoadOptions().QueueCapacity;
    private readonly Dictionary<SumoAttack, FloodStation> _flooders = [];
    private readonly Dictionary<SumoAttack, Dictionary<string, FloodLoad>> _floodLoads = [];
    private readonly List<Task> _floodStarts = [];
    private DemoPki? _floodPki;
    private Func<IReadOnlyList<BenchObu>>? _onAir;

    // One receiver's counters while a flood ran: the first and last reading of its verifications and queue peak, and the deepest queue read.
    private sealed class FloodLoad(long verifications, long queuePeak)
    {
        public long FirstVerifications { get; } = verifications;

        public long LastVerifications { get; set; } = verifications;

        public long FirstQueuePeak { get; } = queuePeak;

        public long LastQueuePeak { get; set; } = queuePeak;

        public int Deepest { get; set; }

        // The deepest its queue was during the flood: its running peak when that rose, else the deepest read.
        public long Peak => LastQueuePeak > FirstQueuePeak ? LastQueuePeak : Deepest;
    }

    /// <summary>The PKI a valid-ticket flooder gets its tickets from, and the OBUs on the air (read while a flood runs).</summary>
    internal void UseFloods(DemoPki pki, Func<IReadOnlyList<BenchObu>> onAir)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(onAir);
        if (!_attacks.Any(IsFlood))
        {
            return;
        }

        _floodPki = pki;
        _onAir = onAir;
        var tick = TimeSpan.FromMilliseconds(100);
        _timers.Add(_run.Clock.CreateTimer(_ => SampleFloods(), null, tick, tick));
    }

    private static bool IsFlood(SumoAttack a) => a.Kind is SumoAttackKind.ForgedSignatureFlood or SumoAttackKind.ValidTicketFlood;

    private (DateTimeOffset From, DateTimeOffset Until) Window(SumoAttack a) => (_run.Start + a.At, _run.Start + (a.Until ?? _run.Duration - TimeSpan.FromSeconds(1)));

    // A flooder's vehicle departed: the flooder is built (a valid-ticket one gets its tickets from the AA) off the stepping thread and floods in its window.
    private void JoinedFloods(SumoVehicle vehicle)
    {
        foreach (var flood in _attacks.Where(a => IsFlood(a) && a.Vehicle == vehicle.Id))
        {
            var (from, until) = Window(flood);
            var now = _run.Clock.GetUtcNow();
            lock (_lock)
            {
                if (_stopped || _floodPki is null || _flooders.ContainsKey(flood) || now >= until)
                {
                    continue;
                }

                _floodStarts.Add(Task.Run(() => StartFloodAsync(flood, vehicle, from > now ? from : now, until)));
            }
        }
    }

    private async Task StartFloodAsync(SumoAttack flood, SumoVehicle vehicle, DateTimeOffset from, DateTimeOffset until)
    {
        FloodStation station;
        try
        {
            station = await FloodStation.CreateAsync(flood.Kind, flood.Rate ?? DefaultFloodRate, FloodTickets, _run.Ledger, _run.Group, _run.Port, _run.Clock, _run.Seed, vehicle,
                _run.Range, _run.Transmits, _floodPki!, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PkiProtocol.PkiException or HttpRequestException or System.Net.Sockets.SocketException)
        {
            await _run.Say($"{FloodStation.Name(flood.Kind)}: could not go on the air with vehicle {vehicle.Id}: {e.Message}").ConfigureAwait(false);
            return;
        }

        lock (_lock)
        {
            if (_stopped || !_floodLoads.TryAdd(flood, []))
            {
                _leaving.Add(station.DisposeAsync().AsTask());
                return;
            }

            _flooders.Add(flood, station);
            station.Start(from, until);
            _started[flood] = new Started(from, FloodStation.Name(flood.Kind));
        }

        await _run.Say(string.Create(CultureInfo.InvariantCulture,
            $"{FloodStation.Name(flood.Kind)}: on the air with vehicle {vehicle.Id}, flooding {flood.Rate ?? DefaultFloodRate:0.#} frames/s from {(from - _run.Start).TotalSeconds:0.0} s to {(until - _run.Start).TotalSeconds:0.0} s")).ConfigureAwait(false);
    }

    // The flooder's vehicle arrived: it stops.
    private void LeftFloods(SumoVehicle vehicle)
    {
        lock (_lock)
        {
            foreach (var flood in _attacks.Where(a => IsFlood(a) && a.Vehicle == vehicle.Id && _flooders.ContainsKey(a)))
            {
                _leaving.Add(_flooders[flood].DisposeAsync().AsTask());
            }
        }
    }

    private async Task DisposeFloodsAsync()
    {
        List<Task> starting;
        List<FloodStation> flooders;
        lock (_lock)
        {
            starting = [.. _floodStarts];
            flooders = [.. _flooders.Values];
        }

        await Task.WhenAll(starting).ConfigureAwait(false);
        foreach (var flooder in flooders)
        {
            await flooder.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Each tenth of a second: every OBU's counters while a flood runs (and for one second after, the frames still queued).
    private void SampleFloods()
    {
        var now = _run.Clock.GetUtcNow();
        var active = _attacks.Where(a => IsFlood(a) && Window(a) is var (from, until) && now >= from && now <= until + TimeSpan.FromSeconds(1)).ToList();
        if (active.Count == 0 || _onAir is null)
        {
            return;
        }

        var obus = _onAir();
        lock (_lock)
        {
            foreach (var flood in active)
            {
                if (!_floodLoads.TryGetValue(flood, out var loads))
                {
                    continue;
                }

                foreach (var obu in obus)
                {
                    var receiver = obu.Node.Receiver;
                    var (known, fresh, suspect) = receiver.QueueDepth;
                    if (!loads.TryGetValue(obu.Name, out var load))
                    {
                        loads[obu.Name] = load = new FloodLoad(receiver.Statistics.SignatureVerifications, receiver.Statistics.QueuePeak);
                    }

                    load.LastVerifications = receiver.Statistics.SignatureVerifications;
                    load.LastQueuePeak = receiver.Statistics.QueuePeak;
                    load.Deepest = Math.Max(load.Deepest, known + fresh + suspect);
                }
            }
        }
    }

    /// <summary>The name of a flood's security expectation (Bench.Scenarios.Files.ExpectationIds: <c>flood-refused</c>).</summary>
    public static string FloodCheck(string attack, string vehicle) =>
        $"flood: {attack} riding with vehicle {vehicle}: the receivers in its range accept no flood frame after verifying it and no replay";

    /// <summary>The name of a flood's load expectation (Bench.Scenarios.Files.ExpectationIds: <c>flood-in-time</c>).</summary>
    public static string FloodTimingCheck(string attack, string vehicle) => string.Create(CultureInfo.InvariantCulture,
        $"flood load: {attack} riding with vehicle {vehicle}: the receivers in its range decide the genuine frames within {FloodDeadline.TotalMilliseconds:0} ms of arrival (at least {FloodInTimeAtLeast:P0}) and keep their receive queues below capacity ({QueueCapacity})");

    /// <summary>
    /// A flood's two expectations from its figures (null: the flooder never went on the air): none of its frames and no
    /// replay accepted at the receivers it reached; and their load: the genuine frames decided within the deadline (at
    /// least <paramref name="inTimeAtLeast"/>), the queues below capacity.
    /// </summary>
    public static (Expectation Refused, Expectation InTime) FloodExpectations(string attack, string vehicle, SumoFloodFigures? f, double inTimeAtLeast = FloodInTimeAtLeast)
    {
        var c = CultureInfo.InvariantCulture;
        var refused = FloodCheck(attack, vehicle);
        var timing = FloodTimingCheck(attack, vehicle);
        if (f is null)
        {
            var none = $"vehicle {vehicle} was not on the road during the flood: no flooder went on the air";
            return (new Expectation(refused, false, none), new Expectation(timing, false, none));
        }

        var reached = f.FramesSent > 0 && f.ReceiversReached > 0;
        var secure = reached && f.FloodAccepted == 0 && f.ReplaysAccepted == 0;
        var refusedDetail = (reached ? "" : "no receiver decided a flood frame (none in range); ") + string.Create(c,
            $"{f.FramesSent} frames sent at {f.RatePerSecond:0.#}/s; {f.ReceiversReached} receivers reached, {f.FloodDecided} decided, {f.FloodAccepted} accepted verified, {f.FloodAcceptedUnverified} accepted unverified (verify-on-demand, marked); replays accepted there during the flood {f.ReplaysAccepted}");
        var inTime = f.GenuineMeasured > 0 && f.InTimeShare >= inTimeAtLeast && f.PeakQueue < QueueCapacity;
        var timingDetail = string.Create(c,
            $"genuine frames at the {f.ReceiversReached} receivers reached {f.GenuineInTime} of {f.GenuineMeasured} ({f.InTimeShare:P1}) within {f.DeadlineMs:0} ms (at least {inTimeAtLeast:P0}), p99 {(f.P99Ms is { } p ? $"{p:0.0} ms" : "-")}; peak receive queue {f.PeakQueue} (capacity {QueueCapacity}); their ECDSA verifications during the flood {f.Verifications}");
        return (new Expectation(refused, secure, refusedDetail), new Expectation(timing, reached && inTime, timingDetail));
    }

    /// <summary>The load expectation of every flood of the run (after <see cref="Evaluate"/>'s one per attack), from its figures.</summary>
    private static IEnumerable<Expectation> FloodLoadChecks(IReadOnlyList<SumoAttack> attacks, IReadOnlyList<SumoAttackFigures> figures) =>
        attacks.Select((a, i) => (a, f: figures[i])).Where(x => IsFlood(x.a)).Select(x => FloodExpectations(x.f.Attack, x.a.Vehicle, x.f.Flood).InTime);

    // The flood's figures over the receivers that decided its frames, during its window.
    private (SumoAttackFigures, Expectation) FloodFigures(SumoAttack attack, Started? started, IReadOnlyList<LedgerEntry> entries)
    {
        var file = attack.Kind == SumoAttackKind.ForgedSignatureFlood ? "forged-signature-flood" : "valid-ticket-flood";
        FloodStation? station;
        Dictionary<string, FloodLoad>? loads;
        lock (_lock)
        {
            station = _flooders.GetValueOrDefault(attack);
            loads = _floodLoads.TryGetValue(attack, out var l) ? new Dictionary<string, FloodLoad>(l) : null;
        }

        if (started is null || station is null)
        {
            return (new SumoAttackFigures(file, attack.Vehicle, null, null), FloodExpectations(file, attack.Vehicle, null).Refused);
        }

        var (_, until) = Window(attack);
        var from = started.At;
        var name = FloodStation.Name(attack.Kind);
        var decided = entries.Where(e => e.Kind == SenderKind.Flood && e.Sender == name && e.Outcome != ReceiveOutcome.Deferred).ToList();
        var reached = decided.Select(e => e.Receiver).ToHashSet(StringComparer.Ordinal);
        var during = entries.Where(e => reached.Contains(e.Receiver) && e.ReceivedAt >= from && e.ReceivedAt <= until && e.Outcome != ReceiveOutcome.Deferred).ToList();
        var genuine = during.Where(e => e.Kind == SenderKind.Obu && e.Sender != e.Receiver).ToList();
        // Arrival to decision in the host's time (the simulation clock moves in SUMO's steps, 100 ms).
        var latencies = genuine.Select(e => e.LatencyMs ?? (e.DecidedAt - e.ReceivedAt).TotalMilliseconds).Order().ToList();
        var replays = during.Where(e => e.Outcome == ReceiveOutcome.Accepted && e.Signer is not null && e.Counter is not null)
            .GroupBy(e => (e.Receiver, e.Signer, e.Counter)).Sum(g => g.Count() - 1);
        var atReached = loads?.Where(l => reached.Contains(l.Key)).Select(l => l.Value).ToList() ?? [];
        var figures = new SumoFloodFigures(attack.Rate ?? DefaultFloodRate, station.Sent, reached.Count, decided.Count, decided.Count(e => e.Outcome == ReceiveOutcome.Accepted && !e.Unverified),
            decided.Count(e => e.Outcome == ReceiveOutcome.Accepted && e.Unverified), atReached.Sum(l => l.LastVerifications - l.FirstVerifications), latencies.Count, latencies.Count(ms => ms <= FloodDeadline.TotalMilliseconds),
            latencies.Count == 0 ? null : Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)], 1), replays,
            (int)atReached.Select(l => l.Peak).DefaultIfEmpty(0).Max(), FloodDeadline.TotalMilliseconds);
        return (new SumoAttackFigures(file, attack.Vehicle, name, (from - _run.Start).TotalSeconds, reached.Count, Sent: station.Sent,
                Refused: decided.Count(e => e.Outcome == ReceiveOutcome.Rejected), Accepted: figures.FloodAccepted + figures.FloodAcceptedUnverified, Flood: figures),
            FloodExpectations(file, attack.Vehicle, figures).Refused);
    }
}
