using Firmware.SecurePartition;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;
using PkiProtocol.Posture;
using V2x.Security.Signing;

namespace Firmware.Application.Posture;

/// <summary>
/// Runs the IDF's posture exchange (patent fig. 9, ¶204-216) for the secure partition, which has no network: the
/// partition makes each request (fresh nonce, installed versions) and verifies each OEM-signed response; this carries
/// them to the posture server in the PKI-style secured envelope (<see cref="PostureClient"/>, signed by the station's
/// enrolment credential). It polls at start, every <see cref="PosturePollerOptions.Period"/>, on the update triggers
/// (<see cref="TriggerAsync"/>: the application reports an update over the air, a local update, a new or updated
/// application or new hardware, patent ¶114), and as soon as the partition names an installed component its posture does
/// not cover (a version installed since the last poll). A failed poll keeps the posture held (its age grows on the air).
/// </summary>
public sealed class PosturePoller : IAsyncDisposable
{
    private static readonly HashSet<TriggerKind> UpdateTriggers = [TriggerKind.UpdateOverTheAir, TriggerKind.UpdateLocal, TriggerKind.NewOrUpdatedApplication, TriggerKind.NewHardware];

    private readonly PosturePollerOptions _options;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _single = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _pollTimer;
    private ITimer? _checkTimer;
    private Task _last = Task.CompletedTask;
    private long _polls;
    private long _failures;

    /// <summary>A poller; nothing runs until <see cref="Start"/> or <see cref="PollAsync"/>.</summary>
    public PosturePoller(PosturePollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Period, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CheckPeriod, TimeSpan.Zero);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after every accepted response with the partition's posture.</summary>
    public event Action<PostureStatus>? Polled;

    /// <summary>Successful polls so far.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Failed polls so far (server refused or unreachable, partition refused the response).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The poll the timers started last (tests await it after stepping time).</summary>
    public Task LastPoll => _last;

    /// <summary>Polls now: returns the partition's posture after the response, or null when the poll failed (logged).</summary>
    public async Task<PostureStatus?> PollAsync(CancellationToken cancellationToken = default)
    {
        await _single.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_options.Enrolment() is not { } enrolment)
            {
                Interlocked.Increment(ref _failures);
                _log.LogWarning("Posture not polled: the station holds no enrolment credential to sign the request with");
                return null;
            }

            var request = await _options.Partition.CreatePostureRequestAsync(cancellationToken).ConfigureAwait(false);
            var response = await _options.Server.ExchangeAsync(request, enrolment, cancellationToken).ConfigureAwait(false);
            var status = await _options.Partition.InstallPostureResponseAsync(response, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _polls);
            _log.LogInformation("Posture polled: highest CVSS {Cvss:F1} ({High} high or critical, {Count} unpatched), application {App}, IDF {Idf}",
                status.AggregateCvss, status.HighOrCritical, status.KnownVulnerabilities, status.AppUpToDate ? "current" : "not current", status.IdfUpToDate ? "current" : "not current");
            Polled?.Invoke(status);
            return status;
        }
        catch (Exception e) when (e is PkiException or PartitionException or ProtocolException or HttpRequestException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref _failures);
            _log.LogWarning("Posture poll failed: {Error}", e.Message);
            return null;
        }
        finally
        {
            _single.Release();
        }
    }

    /// <summary>
    /// Reports a trigger the application saw to the partition (a full scan, patent ¶114; not the installed-update triggers,
    /// which the partition raises itself) and, for an update trigger, polls the posture at once: the new versions are
    /// assessed before the next message carries the grade.
    /// </summary>
    /// <exception cref="PartitionException">The partition refused the trigger.</exception>
    public async Task TriggerAsync(TriggerKind trigger, string detail, CancellationToken cancellationToken = default)
    {
        // The installed-update triggers are the partition's own (it raises them after the restart that runs the update):
        // the application only polls for them.
        if (trigger is not (TriggerKind.UpdateOverTheAir or TriggerKind.UpdateLocal))
        {
            await _options.Partition.TriggerCheckAsync(trigger, detail, cancellationToken).ConfigureAwait(false);
        }

        if (UpdateTriggers.Contains(trigger))
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls once now, then every period; checks every <see cref="PosturePollerOptions.CheckPeriod"/> for unassessed components.</summary>
    public void Start()
    {
        _last = PollAsync(_stop.Token);
        _pollTimer = _options.Clock.CreateTimer(_ => _last = PollAsync(_stop.Token), null, _options.Period, _options.Period);
        _checkTimer = _options.Clock.CreateTimer(_ => _last = CheckAsync(), null, _options.CheckPeriod, _options.CheckPeriod);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _pollTimer?.Dispose();
        _checkTimer?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _last.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _single.Dispose();
    }

    // The partition assesses the installed versions against the posture it holds: a component it does not cover was
    // installed (or updated) since the last poll, whatever told the partition (its own inventory watch, a re-flash).
    private async Task<PostureStatus?> CheckAsync()
    {
        try
        {
            var status = await _options.Partition.GetPostureAsync(_stop.Token).ConfigureAwait(false);
            return status.UnassessedComponents.Count > 0 ? await PollAsync(_stop.Token).ConfigureAwait(false) : status;
        }
        catch (Exception e) when (e is PartitionException or ProtocolException or OperationCanceledException)
        {
            return null;
        }
    }
}
