using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Receiving;
using Hardware.Positioning;
using Hardware.Positioning.Sumo;
using Hardware.Radio;
using V2x.Pcap;

namespace Bench.Attacks;

/// <summary>
/// The ghost vehicle in SUMO (issue 15's attack library): the route demo's <see cref="GhostStation"/> (enrolled at the
/// bench PKI, a valid ticket) rides with the named vehicle from its departure; its frames are placed by that vehicle for
/// the radio range, and their GeoNetworking source position is the vehicle's (so the receivers' single-hop distance check,
/// 700 m, passes, as for any station in range). Its CAMs lie: they claim <see cref="GhostStation.ClaimedSpeed"/> (120 m/s,
/// above any road vehicle: SpeedValueTooLarge at every receiver that accepts one) at one fixed place
/// <see cref="GhostOffsetMetres"/> north of where its vehicle was when it went on the air: outside any network the bench
/// ships (the motorway spans 2.1 km), so no SUMO vehicle, the one it rides with included, and no receiver is ever within
/// the overlap check's 1.5 m of the CAM's position at the same instant, and that check can only ever find the ghost. The
/// receivers report it through their queues, the authority's global detection revokes it, and after their next CRL
/// refresh they refuse it as Revoked.
/// </summary>
public sealed partial class SumoAttackRun
{
    /// <summary>How far north of its vehicle's place at departure the ghost claims to be, metres.</summary>
    public const double GhostOffsetMetres = 10_000;

    /// <summary>The ghost's station id at the EA (one ghost per SUMO scenario).</summary>
    public const string GhostName = "ghost-1";

    private readonly Dictionary<SumoAttack, GhostRide> _ghosts = [];
    private readonly CancellationTokenSource _ghostStop = new();

    /// <summary>The ghost stations of the run (excused from <c>no-genuine-reported</c>: their findings, reports and revocation are the attack's).</summary>
    public IReadOnlySet<string> Ghosts
    {
        get
        {
            lock (_lock)
            {
                return _ghosts.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>([GhostName], StringComparer.Ordinal);
            }
        }
    }

    private sealed class GhostRide
    {
        public Task Provisioned { get; set; } = Task.CompletedTask;

        public GhostStation? Station { get; set; }

        public Task? Stopped { get; set; }
    }

    // The ghost goes on the air with its vehicle (enrolled off the stepping thread), sending from its 'at' to its 'until'.
    private void JoinedGhosts(SumoVehicle vehicle)
    {
        foreach (var ghost in _attacks.Where(a => a.Kind == SumoAttackKind.GhostVehicle && a.Vehicle == vehicle.Id))
        {
            var from = _run.Start + ghost.At;
            var until = _run.Start + (ghost.Until ?? _run.Duration - TimeSpan.FromSeconds(1));
            var now = _run.Clock.GetUtcNow();
            if (_run.Pki is not { } pki)
            {
                _ = _run.Say($"ghost: no PKI to enrol it at; vehicle {vehicle.Id} carries none");
                continue;
            }

            var ride = new GhostRide();
            UdpMulticastRadioLink radio;
            PcapWriter pcap;
            lock (_lock)
            {
                if (_stopped || _ghosts.ContainsKey(ghost) || now >= until || from >= until)
                {
                    continue;
                }

                radio = Own(new UdpMulticastRadioLink(DemoStations.Radio(_run.Group, _run.Port, _run.Clock, null)));
                Directory.CreateDirectory(Path.Combine(_run.Folder, GhostName));
                pcap = Own(new PcapWriter(File.Create(Path.Combine(_run.Folder, GhostName, GhostName + ".pcap"))));
                _ghosts.Add(ghost, ride);
            }

            _run.Ledger.AddSource(radio.LocalEndPoint.ToString(), GhostName, SenderKind.Ghost);
            _run.Transmits?.Invoke(radio.LocalEndPoint, vehicle);
            var place = GhostPlace(vehicle.Read());
            ride.Provisioned = Task.Run(() => GoOnAirAsync(ghost, ride, pki, radio, pcap, place, from, until, vehicle), CancellationToken.None);
        }
    }

    private async Task GoOnAirAsync(SumoAttack attack, GhostRide ride, DemoPki pki, UdpMulticastRadioLink radio, PcapWriter pcap, Waypoint place, DateTimeOffset from,
        DateTimeOffset until, SumoVehicle vehicle)
    {
        GhostStation station;
        try
        {
            station = await GhostStation.ProvisionAsync(GhostName, pki, radio, _run.Clock, pcap, _ghostStop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or PkiProtocol.PkiException)
        {
            await _run.Say($"ghost: could not enrol with vehicle {vehicle.Id}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return;
        }

        _run.Ledger.AddTicket(station.Ticket, GhostName, SenderKind.Ghost);
        var now = _run.Clock.GetUtcNow();
        var start = from > now ? from : now;
        lock (_lock)
        {
            ride.Station = station;
            if (!_stopped && ride.Stopped is null)
            {
                station.Start(place, start, until, vehicle);
                _started[attack] = new Started(start, GhostName);
            }
        }

        await _run.Say(string.Create(CultureInfo.InvariantCulture,
            $"ghost: {GhostName} (a valid ticket) on the air with vehicle {vehicle.Id} at {(now - _run.Start).TotalSeconds:0.0} s, sending CAMs claiming {GhostStation.ClaimedSpeed:0} m/s {GhostOffsetMetres / 1000:0} km north of the vehicle's departure from {(start - _run.Start).TotalSeconds:0.0} s to {(until - _run.Start).TotalSeconds:0.0} s"))
            .ConfigureAwait(false);
    }

    // The ghost's vehicle arrived: it stops sending.
    private void LeftGhosts(SumoVehicle vehicle)
    {
        lock (_lock)
        {
            foreach (var ghost in _attacks.Where(a => a.Kind == SumoAttackKind.GhostVehicle && a.Vehicle == vehicle.Id && _ghosts.ContainsKey(a)))
            {
                var ride = _ghosts[ghost];
                ride.Stopped ??= StopGhostAsync(ride);
                _leaving.Add(ride.Stopped);
            }
        }
    }

    private async Task StopGhostAsync(GhostRide ride)
    {
        await ride.Provisioned.ConfigureAwait(false);
        if (ride.Station is { } station)
        {
            await station.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopGhostsAsync()
    {
        await _ghostStop.CancelAsync().ConfigureAwait(false);
        List<Task> stopping;
        lock (_lock)
        {
            stopping = [.. _ghosts.Values.Select(r => r.Stopped ??= StopGhostAsync(r))];
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        _ghostStop.Dispose();
    }

    // A fixed place GhostOffsetMetres north of the vehicle (WGS 84, a degree of latitude about 111.32 km).
    private static Waypoint GhostPlace(PositionFix at) => new(at.LatitudeDegrees + (GhostOffsetMetres / 111_320), at.LongitudeDegrees, 0);
}
