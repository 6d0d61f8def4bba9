using System.Globalization;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Composition;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Hardware.Positioning.Sumo;
using Hardware.Radio;
using PkiProtocol.Client;
using V2x.Pcap;
using V2x.Security.Crypto;

namespace Bench.Mobility;

/// <summary>
/// The legacy stations of a SUMO run (a scenario's vehicles with equipment <c>legacy</c>, <see cref="SumoSettings.LegacyVehicles"/>):
/// the demo's <see cref="LegacyStation"/> (no IDF, no report; its ticket without the IDF permission, patent ¶171) riding with
/// its vehicle from departure to arrival, its radio placed at the vehicle. Receivers must take the conventional path
/// for its frames (decision table row Conventional, Docs/trust-decisions.md).
/// </summary>
public sealed partial class SumoBench
{
    private readonly Dictionary<string, LegacyRider> _legacyOnRoad = new(StringComparer.Ordinal);
    private readonly List<LegacyRider> _legacyAll = [];

    private bool IsLegacy(string vehicle) => _sumo.LegacyVehicles?.Contains(vehicle) == true;

    private void JoinLegacy(SumoVehicle vehicle, RunContext run)
    {
        LegacyRider rider;
        lock (_lock)
        {
            if (_legacyOnRoad.ContainsKey(vehicle.Id))
            {
                return;
            }

            rider = new LegacyRider($"legacy-{_legacyAll.Count + 1}", vehicle);
            _legacyOnRoad.Add(vehicle.Id, rider);
            _legacyAll.Add(rider);
        }

        rider.Started = Task.Run(() => StartLegacyAsync(rider, run), CancellationToken.None);
    }

    private async Task StartLegacyAsync(LegacyRider rider, RunContext run)
    {
        try
        {
            // Registered with the EA as a station of an IDF model the audit CA never assessed: its ticket gets no IDF permission.
            using var canonical = EcdsaP256SignatureKey.Generate();
            run.Pki.Register(rider.Name, canonical.PublicKey, DemoPki.LegacyIdf);
            var radio = rider.Own(new UdpMulticastRadioLink(DemoStations.Radio(Group, run.Port, run.Clock, null)));
            run.Radio.PlaceTransmitter(radio.LocalEndPoint, rider.Vehicle);
            run.Ledger.AddSource(radio.LocalEndPoint.ToString(), rider.Name, SenderKind.Legacy);
            var folder = Path.Combine(_options.OutputDirectory, rider.Name);
            Directory.CreateDirectory(folder);
            var pcap = rider.Own(new PcapWriter(File.Create(Path.Combine(folder, rider.Name + ".pcap"))));
            var station = new LegacyStation(rider.Name, radio, rider.Vehicle, run.Clock, StationIdentity.Random(Hardware.Random.SystemRandomSource.Instance), pcap);
            rider.Station = station;
            using var http = new HttpClient(run.Pki.Tls.ClientHandler(), disposeHandler: true) { BaseAddress = run.Pki.Address };
            await station.ProvisionAsync(new PkiClient(http, run.Pki.Root, run.Clock), canonical, run.Cancellation).ConfigureAwait(false);
            station.Start();
            rider.OnAirAt = run.Clock.GetUtcNow();
            await Say(string.Create(CultureInfo.InvariantCulture, $"{rider.Name}: a legacy station (no IDF) on the air in vehicle {rider.Vehicle.Id} at {run.Clock.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            rider.Error = $"{e.GetType().Name}: {e.Message}";
            await Say($"{rider.Name}: could not start in vehicle {rider.Vehicle.Id}: {rider.Error}").ConfigureAwait(false);
        }
    }

    private void LeaveLegacy(SumoVehicle vehicle, DateTimeOffset now)
    {
        LegacyRider? rider;
        lock (_lock)
        {
            if (!_legacyOnRoad.Remove(vehicle.Id, out rider))
            {
                return;
            }
        }

        rider.LeftAt = now;
        rider.Stopped = StopLegacyAsync(rider);
    }

    private async Task StopLegacyAsync(LegacyRider rider)
    {
        try
        {
            await rider.Started.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while starting: whatever was built is closed below.
        }

        if (rider.Station is { } station)
        {
            rider.Sent = station.Sent;
            await station.DisposeAsync().ConfigureAwait(false);
        }

        rider.Close();
    }

    // The remaining riders stop with the run.
    private async Task StopAllLegacyAsync()
    {
        List<LegacyRider> remaining;
        lock (_lock)
        {
            remaining = [.. _legacyOnRoad.Values];
            _legacyOnRoad.Clear();
        }

        foreach (var rider in remaining)
        {
            rider.Stopped = StopLegacyAsync(rider);
        }

        List<LegacyRider> all;
        lock (_lock)
        {
            all = [.. _legacyAll];
        }

        await Task.WhenAll(all.Select(r => r.Stopped ?? Task.CompletedTask)).ConfigureAwait(false);
    }

    // Per legacy station: every receiver that accepted its frames took the conventional path (row Conventional) for each,
    // and at least one receiver accepted some (it was heard). None when the scenario has no legacy vehicle.
    private IEnumerable<Expectation> LegacyChecks(IReadOnlyList<LedgerEntry> entries)
    {
        List<LegacyRider> all;
        lock (_lock)
        {
            all = [.. _legacyAll];
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var rider in all)
        {
            var name = $"{rider.Name}'s frames take the legacy (conventional) path";
            if (rider.Error is not null || rider.OnAirAt is null)
            {
                yield return new Expectation(name, false, $"{rider.Name} in vehicle {rider.Vehicle.Id} never went on the air{(rider.Error is { } e ? $": {e}" : "")}");
                continue;
            }

            var accepted = entries.Where(e => e.Sender == rider.Name && e.Kind == SenderKind.Legacy && e.Outcome == ReceiveOutcome.Accepted).ToList();
            var other = accepted.Where(e => e.Row != DecisionRow.Conventional).ToList();
            var receivers = accepted.Select(e => e.Receiver).Distinct(StringComparer.Ordinal).Count();
            var decisions = string.Join(", ", accepted.GroupBy(e => e.Decision).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            yield return new Expectation(name, accepted.Count > 0 && other.Count == 0, accepted.Count == 0
                ? string.Create(c, $"{rider.Name} sent {rider.Sent} CAMs in vehicle {rider.Vehicle.Id}, no receiver accepted one")
                : other.Count == 0
                    ? string.Create(c, $"{rider.Name} in vehicle {rider.Vehicle.Id}: {accepted.Count} accepted at {receivers} receivers, every one row Conventional ({decisions})")
                    : string.Create(c, $"{other.Count} of {accepted.Count} accepted on another row, e.g. at {other[0].Receiver}: row {other[0].Row}"));
        }
    }

    private sealed class LegacyRider(string name, SumoVehicle vehicle)
    {
        private readonly List<IDisposable> _owned = [];

        public string Name { get; } = name;

        public SumoVehicle Vehicle { get; } = vehicle;

        public LegacyStation? Station { get; set; }

        public Task Started { get; set; } = Task.CompletedTask;

        public Task? Stopped { get; set; }

        public DateTimeOffset? OnAirAt { get; set; }

        public DateTimeOffset? LeftAt { get; set; }

        public string? Error { get; set; }

        public long Sent { get; set; }

        public T Own<T>(T item)
            where T : IDisposable
        {
            lock (_owned)
            {
                _owned.Add(item);
            }

            return item;
        }

        public void Close()
        {
            lock (_owned)
            {
                for (var i = _owned.Count - 1; i >= 0; i--)
                {
                    _owned[i].Dispose();
                }

                _owned.Clear();
            }
        }
    }
}
