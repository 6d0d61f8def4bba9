using Bench.Demo;
using Bench.Hub;
using Bench.Reporting;
using Bench.Stations;
using Cti.Taxii;
using Firmware.Application.Receiving;
using Firmware.SecurePartition.Detection;

namespace Bench.Live;

/// <summary>
/// Feeds a demo run into a <see cref="LiveFeed"/>: every decision of the ledger (with the sender's position from the
/// accepted frame's signed GeoNetworking header), each OBU's scans (level, detectors, latches), the attacks (the
/// tamper as the ledger's tampered phase begins; the replay attacker when it goes on the air), and once a tick of the
/// bench clock the clock itself and what the hub holds. Disposing detaches it and stops the tick.
/// </summary>
internal sealed class LiveDemo : IAsyncDisposable
{
    private readonly LiveFeed _feed;
    private readonly List<Action> _detach = [];
    private readonly CancellationTokenSource _stop;
    private Task _ticks = Task.CompletedTask;

    private LiveDemo(LiveFeed feed, CancellationToken cancellationToken)
    {
        _feed = feed;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Attaches to a run that starts at <paramref name="start"/>; the tampered phase's OBU is <paramref name="tampered"/>.</summary>
    public static LiveDemo Start(LiveFeed feed, DemoOptions options, DecisionLedger ledger, DemoStations stations, DemoHub? hub, BenchObu tampered,
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset replaysFrom, CancellationToken cancellationToken)
    {
        var live = new LiveDemo(feed, cancellationToken);
        feed.Begin(start, end, options.DetectionPeriod,
            stations.Obus.Select(o => (o.Name, SenderKind.Obu)).Append((stations.Legacy!.Name, SenderKind.Legacy))
                .Concat(stations.Ghost is { } ghost ? [(ghost.Name, SenderKind.Ghost)] : []));

        Action<LedgerEntry, ReceiveResult> decided = (entry, result) => feed.Decision(entry, Position(result));
        ledger.Recorded += decided;
        live._detach.Add(() => ledger.Recorded -= decided);

        Action<DateTimeOffset> tamper = at => feed.Attack(at, "tamper", tampered.Name, TamperFaults.Describe(options.TamperFault));
        ledger.TamperedPhaseBegan += tamper;
        live._detach.Add(() => ledger.TamperedPhaseBegan -= tamper);

        foreach (var obu in stations.Obus)
        {
            var name = obu.Name;
            Action<ScanResult> scanned = scan => feed.Integrity(name, scan.Time, scan.Level, scan.Bitmap, scan.Latches);
            obu.Idf.Scanned += scanned;
            live._detach.Add(() => obu.Idf.Scanned -= scanned);
            scanned(obu.Idf.Latest);
        }

        live._ticks = live.TickAsync(options.Clock, options.RefreshInterval, hub, replaysFrom, live._stop.Token);
        return live;
    }

    /// <summary>Detaches from the run and stops the tick.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var detach in _detach)
        {
            detach();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ticks.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    // EN 302 636-4-1 v1.4.1 §9.5.2: the source position vector of the GeoNetworking header, covered by the signature.
    internal static (double, double)? Position(ReceiveResult result) =>
        result.Frame?.Packet.SourcePosition is { } p ? (p.LatitudeTenthMicrodegrees / 1e7, p.LongitudeTenthMicrodegrees / 1e7) : null;

    private async Task TickAsync(TimeProvider clock, TimeSpan interval, DemoHub? hub, DateTimeOffset replaysFrom, CancellationToken cancellationToken)
    {
        var replaysAnnounced = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (!replaysAnnounced && now >= replaysFrom)
            {
                replaysAnnounced = true;
                _feed.Attack(replaysFrom, "replay", "every station",
                    "the attacker hears every frame and sends one in six again 200 to 800 ms later: half exact, half with the report's counter altered");
            }

            _feed.Tick(now);
            if (hub is not null)
            {
                try
                {
                    var objects = await hub.ReadAsync(cancellationToken).ConfigureAwait(false);
                    _feed.Hub(clock.GetUtcNow(), hub.ApiRoot.ToString(), HubSummaryBuilder.ByType(objects), HubSummaryBuilder.Merged(objects));
                }
                catch (Exception e) when (e is TaxiiClientException or HttpRequestException)
                {
                    // The hub line of the live table says so; the view keeps what it last read.
                }
            }

            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
