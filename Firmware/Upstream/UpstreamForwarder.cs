using Cti.Taxii;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream.Delivery;
using Firmware.Upstream.Desensitising;
using Firmware.Upstream.Queue;
using Firmware.Upstream.ReturnPath;
using Hardware.Positioning;
using Hardware.Random;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Firmware.Upstream;

/// <summary>
/// The OBU's upstream forwarding to the sharing community and the indicator return path (ITU-T X.1382
/// §9.3.2.3, §9.3.1.4 c; issue 6 items 7 and 8). Each cycle: reads new detailed reports from the secure
/// partition, desensitises them (<see cref="Desensitiser"/>) into the persistent queue
/// (<see cref="UpstreamQueue"/>), delivers waiting summaries to the hub (<see cref="SummaryDelivery"/>),
/// and when due polls curated indicators and deploys them as IDF deny rules (<see cref="IndicatorSync"/>).
/// Cycles run every <see cref="UpstreamOptions.CycleInterval"/>, or after an exponential backoff with
/// jitter when something failed, on the injected <see cref="TimeProvider"/>. Start with
/// <see cref="Start"/>, stop with <see cref="StopAsync"/>; <see cref="RunCycleAsync"/> runs one cycle
/// for hosts that schedule it themselves.
/// </summary>
public sealed partial class UpstreamForwarder : IAsyncDisposable
{
    private readonly UpstreamOptions _options;
    private readonly IReportSource _reports;
    private readonly IPositionSource? _position;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly UpstreamQueue _queue;
    private readonly Desensitiser _desensitiser;
    private readonly SummaryDelivery _delivery;
    private readonly IndicatorSync? _indicators;
    private readonly Backoff _backoff;
    private readonly SemaphoreSlim _cycleGate = new(1, 1);
    private readonly Lock _stateLock = new();
    private DateTimeOffset _nextPollAt = DateTimeOffset.MinValue;
    private IReadOnlyList<string> _lastErrors = [];
    private DateTimeOffset? _nextCycleAt;
    private CancellationTokenSource? _loopStop;
    private Task? _loop;

    /// <summary>
    /// A forwarder: opens (or creates) the queue at <see cref="UpstreamOptions.QueuePath"/>. The return
    /// path runs when <see cref="UpstreamOptions.IndicatorCollectionId"/> and <paramref name="rules"/> are set.
    /// Give <paramref name="taxii"/> a <see cref="RetryPolicy.None"/> policy: the forwarder retries itself, with jitter.
    /// </summary>
    /// <exception cref="ArgumentException">Options out of range.</exception>
    /// <exception cref="UpstreamQueueException">The queue file cannot be used.</exception>
    public UpstreamForwarder(UpstreamOptions options, IReportSource reports, IIndicatorRuleTarget? rules, TaxiiClient taxii, IPositionSource? position,
        TimeProvider time, IRandomSource random, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(taxii);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _options = options;
        _reports = reports;
        _position = position;
        _time = time;
        _log = logger ?? NullLogger.Instance;
        _queue = UpstreamQueue.Open(options.QueuePath, options.QueueCapacity, time, random);
        try
        {
            _desensitiser = new Desensitiser(options, _queue.PseudonymKey);
        }
        catch
        {
            _queue.Dispose();
            throw;
        }

        _delivery = new SummaryDelivery(taxii, options.CollectionId, _queue);
        if (options.IndicatorCollectionId is { } indicators && rules is not null)
        {
            _indicators = new IndicatorSync(taxii, indicators, rules, _queue, new IndicatorTranslator(options.TrustedIndicatorProducers), time, _log);
        }

        _backoff = new Backoff(options.InitialBackoff, options.MaxBackoff, random);
    }

    /// <summary>A forwarder reading from and deploying into the partition behind <paramref name="partition"/>.</summary>
    public static UpstreamForwarder ForPartition(UpstreamOptions options, SecurePartitionClient partition, TaxiiClient taxii, IPositionSource? position,
        TimeProvider time, IRandomSource random, ILogger? logger = null)
    {
        var link = new PartitionLink(partition);
        return new UpstreamForwarder(options, link, link, taxii, position, time, random, logger);
    }

    /// <summary>Raised after every cycle, loop or manual.</summary>
    public event Action<UpstreamCycle>? CycleCompleted;

    /// <summary>The forwarder's state.</summary>
    public UpstreamStatus Status
    {
        get
        {
            lock (_stateLock)
            {
                return new UpstreamStatus(_loop is { IsCompleted: false }, _queue.Snapshot(), _loop is null ? null : _nextCycleAt, _backoff.Failures, _lastErrors);
            }
        }
    }

    /// <summary>Starts the background loop (the first cycle runs at once).</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        lock (_stateLock)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("The upstream forwarder is already started.");
            }

            _loopStop = new CancellationTokenSource();
            _nextCycleAt = _time.GetUtcNow();
            _loop = Task.Run(() => LoopAsync(_loopStop.Token));
        }
    }

    /// <summary>Stops the background loop after the cycle in progress is cancelled; the queue keeps everything.</summary>
    public async Task StopAsync()
    {
        Task? loop;
        lock (_stateLock)
        {
            loop = _loop;
            _loopStop?.Cancel();
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        lock (_stateLock)
        {
            _loopStop?.Dispose();
            _loopStop = null;
            _loop = null;
            _nextCycleAt = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _cycleGate.WaitAsync().ConfigureAwait(false);
        _queue.Dispose();
        _cycleGate.Dispose();
    }
}
