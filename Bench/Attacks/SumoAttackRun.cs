using System.Globalization;
using System.Net;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Hardware.Positioning;
using Hardware.Positioning.Sumo;
using Hardware.Radio;
using V2x.Pcap;

namespace Bench.Attacks;

/// <summary>
/// The attacks of a SUMO run (<c>Bench.Mobility.SumoBench</c>; Docs/bench.md "SUMO mobility"), with the demo's own
/// stations and paths: a tamper (a rogue process, or tampered firmware) is <see cref="BenchObu.Tamper"/> on the OBU of the
/// target vehicle at its time (and the ledger's tampered phase begins, as in the demo); the replay is a <see cref="ReplayAttacker"/> that rides with
/// its vehicle from when the vehicle departs until it arrives, hearing only what is in radio range of it (the run's
/// <see cref="RadioRange"/>, placed by the vehicle). The bench calls <see cref="Joined"/> and <see cref="Left"/> as vehicles
/// come and go, <see cref="DisposeAsync"/> before it stops the OBUs, then <see cref="Evaluate"/> on the decisions.
/// </summary>
public sealed partial class SumoAttackRun : IAsyncDisposable
{
    private readonly IReadOnlyList<SumoAttack> _attacks;
    private readonly Context _run;
    private readonly Lock _lock = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<ITimer> _timers = [];
    private readonly Dictionary<SumoAttack, Started> _started = [];
    private readonly Dictionary<SumoAttack, ReplayAttacker> _replayers = [];
    private readonly List<Task> _leaving = [];
    private readonly Dictionary<SumoAttack, (ReflectionStation Station, Victim Victim)> _reflectors = [];
    private bool _stopped;

    /// <summary>What the attacks act in: the run's clock and start, ledger, radio and output folder.</summary>
    /// <param name="Clock">The simulation clock.</param>
    /// <param name="Start">The run's start (the attacks' times count from it).</param>
    /// <param name="Duration">The run's length.</param>
    /// <param name="DetectionPeriod">A scan period plus a CAM interval: how long a tamper may take to show at the receivers.</param>
    /// <param name="Ledger">Every receiver's decisions.</param>
    /// <param name="Group">The radio's multicast group.</param>
    /// <param name="Port">The radio's port.</param>
    /// <param name="Range">The radio range (null: every node hears every frame).</param>
    /// <param name="Seed">The seed of the attackers' choices.</param>
    /// <param name="Folder">The run's output folder (the attacker's pcap goes to <c>attacker/</c>).</param>
    /// <param name="ObuOnAir">The OBU on the air in a vehicle, by SUMO vehicle id (null: none).</param>
    /// <param name="Say">Prints a line of the run.</param>
    /// <param name="Transmits">Places an attacker's sending radio at the vehicle it rides with for the range model (null: its frames are placed where they say their sender was).</param>
    /// <param name="Pki">The bench PKI (the ghost enrols there; its misbehaviour authority revokes it); null: no ghost can run.</param>
    /// <param name="CrlRefreshPeriod">The OBUs' CRL refresh period (how long after a revocation a receiver may still accept the revoked station).</param>
    /// <param name="Models">The IDF model of each SUMO vehicle naming one (<see cref="Mobility.SumoSettings.Models"/>; the others run the default).</param>
    public sealed record Context(SimulationClock Clock, DateTimeOffset Start, TimeSpan Duration, TimeSpan DetectionPeriod, DecisionLedger Ledger, IPAddress Group, int Port,
        RadioRange? Range, int Seed, string Folder, Func<string, BenchObu?> ObuOnAir, Func<string, Task> Say, Action<IPEndPoint, IPositionSource>? Transmits = null,
        DemoPki? Pki = null, TimeSpan? CrlRefreshPeriod = null, IReadOnlyDictionary<string, PkiProtocol.Audit.IdfImplementation>? Models = null);

    private sealed record Started(DateTimeOffset At, string Station);

    // The reflection's victim: its OBU once on the air (looked up until found, then kept).
    private sealed class Victim(string vehicle, Func<string, BenchObu?> onAir)
    {
        private BenchObu? _obu;

        public string? Name => Volatile.Read(ref _obu)?.Name;

        public string? Source()
        {
            if (Volatile.Read(ref _obu) is { } known)
            {
                return known.RadioSource;
            }

            var obu = onAir(vehicle);
            Volatile.Write(ref _obu, obu);
            return obu?.RadioSource;
        }
    }

    /// <summary>The attacks of a run; the tampers are scheduled on the run's clock at once.</summary>
    public SumoAttackRun(IReadOnlyList<SumoAttack> attacks, Context run)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        ArgumentNullException.ThrowIfNull(run);
        _attacks = attacks;
        _run = run;
        foreach (var tamper in attacks.Where(a => Fault(a.Kind) is not null))
        {
            var due = run.Start + tamper.At - run.Clock.GetUtcNow();
            _timers.Add(run.Clock.CreateTimer(_ => Tamper(tamper), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        ScheduleModel();
    }

    /// <summary>A vehicle departed: the attacker station that rides with it goes on the air.</summary>
    public void Joined(SumoVehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        JoinedReflections(vehicle);
        JoinedGhosts(vehicle);
        JoinedFloods(vehicle);
        foreach (var replay in _attacks.Where(a => a.Kind == SumoAttackKind.Replay && a.Vehicle == vehicle.Id))
        {
            var from = _run.Start + replay.At;
            var until = _run.Start + (replay.Until ?? _run.Duration - TimeSpan.FromSeconds(1));
            var now = _run.Clock.GetUtcNow();
            lock (_lock)
            {
                if (_stopped || _replayers.ContainsKey(replay) || now >= until || from >= until)
                {
                    continue;
                }

                var attacker = Replayer(vehicle);
                _replayers.Add(replay, attacker);
                attacker.Start(from > now ? from : now, until);
                _started[replay] = new Started(from > now ? from : now, "attacker");
            }

            _ = _run.Say(string.Create(CultureInfo.InvariantCulture, $"attacker: on the air with vehicle {vehicle.Id} at {(now - _run.Start).TotalSeconds:0.0} s, replaying from {(from - _run.Start).TotalSeconds:0.0} s to {(until - _run.Start).TotalSeconds:0.0} s"));
        }
    }

    // The reflector rides with its victim's vehicle, so it is always in the victim's range.
    private void JoinedReflections(SumoVehicle vehicle)
    {
        foreach (var reflection in _attacks.Where(a => a.Kind == SumoAttackKind.Reflection && a.Vehicle == vehicle.Id))
        {
            var from = _run.Start + reflection.At;
            var until = _run.Start + (reflection.Until ?? _run.Duration - TimeSpan.FromSeconds(1));
            var now = _run.Clock.GetUtcNow();
            lock (_lock)
            {
                if (_stopped || _reflectors.ContainsKey(reflection) || now >= until || from >= until)
                {
                    continue;
                }

                var victim = new Victim(vehicle.Id, _run.ObuOnAir);
                var station = ReflectionStation.Create(_run.Ledger, _run.Group, _run.Port, _run.Clock, _run.Seed, _run.Folder, victim.Source, vehicle, _run.Range);
                _run.Transmits?.Invoke(station.Source, vehicle);
                _reflectors.Add(reflection, (station, victim));
                station.Start(from > now ? from : now, until);
                _started[reflection] = new Started(from > now ? from : now, ReflectionStation.Name);
            }

            _ = _run.Say(string.Create(CultureInfo.InvariantCulture, $"reflector: on the air with vehicle {vehicle.Id} at {(now - _run.Start).TotalSeconds:0.0} s, sending its OBU's frames back from {(from - _run.Start).TotalSeconds:0.0} s to {(until - _run.Start).TotalSeconds:0.0} s"));
        }
    }

    /// <summary>A vehicle arrived: the attacker station riding with it stops.</summary>
    public void Left(SumoVehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        List<ReplayAttacker> leaving;
        List<ReflectionStation> reflectors;
        lock (_lock)
        {
            leaving = [.. _attacks.Where(a => a.Kind == SumoAttackKind.Replay && a.Vehicle == vehicle.Id && _replayers.ContainsKey(a)).Select(a => _replayers[a])];
            reflectors = [.. _attacks.Where(a => a.Kind == SumoAttackKind.Reflection && a.Vehicle == vehicle.Id && _reflectors.ContainsKey(a)).Select(a => _reflectors[a].Station)];
        }

        LeftFloods(vehicle);
        lock (_lock)
        {
            _leaving.AddRange(leaving.Select(a => a.DisposeAsync().AsTask()));
            _leaving.AddRange(reflectors.Select(r => r.DisposeAsync().AsTask()));
        }

        LeftGhosts(vehicle);
    }

    /// <summary>Stops the tampers not yet due and every attacker station (waiting for the replays already scheduled).</summary>
    public async ValueTask DisposeAsync()
    {
        List<ReplayAttacker> attackers;
        List<ReflectionStation> reflectors;
        List<Task> leaving;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            attackers = [.. _replayers.Values];
            reflectors = [.. _reflectors.Values.Select(r => r.Station)];
            leaving = [.. _leaving];
        }

        foreach (var timer in _timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeFloodsAsync().ConfigureAwait(false);
        lock (_lock)
        {
            leaving = [.. _leaving];
        }

        await Task.WhenAll(leaving).ConfigureAwait(false);
        await StopGhostsAsync().ConfigureAwait(false);

        foreach (var attacker in attackers)
        {
            await attacker.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var reflector in reflectors)
        {
            await reflector.DisposeAsync().ConfigureAwait(false);
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    /// <summary>The fault a tamper attack injects (null: the attack is no tamper).</summary>
    public static TamperFault? Fault(SumoAttackKind kind) => kind switch
    {
        SumoAttackKind.RogueProcess => TamperFault.RogueProcess,
        SumoAttackKind.TamperedFirmware => TamperFault.TamperedFirmware,
        _ => null,
    };

    // The demo's tamper on the OBU in the target vehicle, if one is on the air then.
    private void Tamper(SumoAttack tamper)
    {
        var fault = Fault(tamper.Kind)!.Value;
        var now = _run.Clock.GetUtcNow();
        var at = (now - _run.Start).TotalSeconds;
        if (_run.ObuOnAir(tamper.Vehicle) is not { } obu)
        {
            _ = _run.Say(string.Create(CultureInfo.InvariantCulture, $"tamper: no OBU on the air in vehicle {tamper.Vehicle} at {at:0.0} s; nothing tampered"));
            return;
        }

        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _started[tamper] = new Started(now, obu.Name);
        }

        _run.Ledger.BeginTamperedPhase(now);
        obu.Tamper(fault);
        _ = _run.Say(string.Create(CultureInfo.InvariantCulture, $"tamper ({TamperFaults.Name(fault)}) on {obu.Name} in vehicle {tamper.Vehicle} at {at:0.0} s: {TamperFaults.Describe(fault)}"));
    }

    // The demo's attacker (DemoStations.AddAttacker's radios), its listening radio placed by the vehicle it rides with.
    private ReplayAttacker Replayer(SumoVehicle vehicle)
    {
        var listen = Own(new UdpMulticastRadioLink(DemoStations.Radio(_run.Group, _run.Port, _run.Clock, null)));
        var exact = Own(new UdpMulticastRadioLink(DemoStations.Radio(_run.Group, _run.Port, _run.Clock, null)));
        var altered = Own(new UdpMulticastRadioLink(DemoStations.Radio(_run.Group, _run.Port, _run.Clock, null)));
        _run.Ledger.AddSource(exact.LocalEndPoint.ToString(), "attacker", SenderKind.ExactReplay);
        _run.Ledger.AddSource(altered.LocalEndPoint.ToString(), "attacker", SenderKind.AlteredReplay);
        _run.Transmits?.Invoke(exact.LocalEndPoint, vehicle);
        _run.Transmits?.Invoke(altered.LocalEndPoint, vehicle);
        IRadioLink hears = _run.Range is { } range ? new RangeLimitedRadioLink(listen, vehicle, range, f => V2x.Stack.SenderPosition.Read(f)) : listen;
        Directory.CreateDirectory(Path.Combine(_run.Folder, "attacker"));
        var pcap = Own(new PcapWriter(File.Create(Path.Combine(_run.Folder, "attacker", "attacker.pcap"))));
        return new ReplayAttacker(hears, exact, altered, [exact.LocalEndPoint.ToString(), altered.LocalEndPoint.ToString(), listen.LocalEndPoint.ToString()],
            _run.Clock, new ReplayAttackerOptions { Seed = _run.Seed }, pcap);
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }
}
