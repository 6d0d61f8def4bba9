using Bench.Reporting;
using Bench.Stations;
using Firmware.SecurePartition.Detection;

namespace Bench.Live;

/// <summary>
/// Feeds a SUMO-driven run (Bench/Mobility) into a <see cref="LiveFeed"/>, as <see cref="LiveDemo"/> feeds the demo:
/// every decision of the ledger with the sender's signed position, and the vehicles' OBUs joining (their scans from
/// then on: level, detectors, latches) and leaving as SUMO's vehicles depart and arrive; once a tick of the simulation
/// clock the clock itself. Disposing detaches it and stops the tick.
/// </summary>
internal sealed class LiveSumo : IAsyncDisposable
{
    private readonly LiveFeed _feed;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Action> _obus = new(StringComparer.Ordinal);
    private readonly Action _detachLedger;
    private readonly CancellationTokenSource _stop;
    private Task _ticks = Task.CompletedTask;

    private LiveSumo(LiveFeed feed, TimeProvider clock, Action detachLedger, CancellationToken cancellationToken)
    {
        _feed = feed;
        _clock = clock;
        _detachLedger = detachLedger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Attaches to a run on <paramref name="clock"/> from <paramref name="start"/> to <paramref name="end"/>; no station yet.</summary>
    public static LiveSumo Start(LiveFeed feed, DecisionLedger ledger, TimeProvider clock, DateTimeOffset start, DateTimeOffset end, TimeSpan detectionPeriod,
        TimeSpan tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(ledger);
        feed.Begin(start, end, detectionPeriod, []);
        Action<LedgerEntry, Firmware.Application.Receiving.ReceiveResult> decided = (entry, result) => feed.Decision(entry, LiveDemo.Position(result));
        ledger.Recorded += decided;
        var live = new LiveSumo(feed, clock, () => ledger.Recorded -= decided, cancellationToken);
        live._ticks = live.TickAsync(tick, live._stop.Token);
        return live;
    }

    /// <summary>An OBU went on the air in SUMO vehicle <paramref name="vehicle"/>: it joins the view, with its scans.</summary>
    public void Joined(BenchObu obu, string vehicle)
    {
        ArgumentNullException.ThrowIfNull(obu);
        var name = obu.Name;
        _feed.Joined(_clock.GetUtcNow(), name, SenderKind.Obu, vehicle);
        Action<ScanResult> scanned = scan => _feed.Integrity(name, scan.Time, scan.Level, scan.Bitmap, scan.Latches);
        obu.Idf.Scanned += scanned;
        lock (_lock)
        {
            _obus[name] = () => obu.Idf.Scanned -= scanned;
        }

        scanned(obu.Idf.Latest);
    }

    /// <summary>An OBU's vehicle left the simulation: its scans are no longer followed and it leaves the view.</summary>
    public void Left(string obu)
    {
        Action? detach;
        lock (_lock)
        {
            _obus.Remove(obu, out detach);
        }

        detach?.Invoke();
        _feed.Left(_clock.GetUtcNow(), obu);
    }

    /// <summary>Detaches from the run and stops the tick.</summary>
    public async ValueTask DisposeAsync()
    {
        _detachLedger();
        List<Action> detach;
        lock (_lock)
        {
            detach = [.. _obus.Values];
            _obus.Clear();
        }

        detach.ForEach(d => d());
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

    private async Task TickAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            _feed.Tick(_clock.GetUtcNow());
            await Task.Delay(interval, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
