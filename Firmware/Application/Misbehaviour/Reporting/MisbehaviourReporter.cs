using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;
using PkiProtocol.Misbehaviour;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Misbehaviour.Reporting;

/// <summary>
/// Sends misbehaviour reports to the misbehaviour authority (patent fig. 3; fig. 7, message 720; Docs/misbehaviour.md):
/// each local finding becomes an observation report in the structure of ETSI TS 103 759 (<see cref="ObservationReport"/>,
/// the subject's own signed messages as evidence), and the station's own anomaly becomes a report the secure partition
/// builds; the partition signs both with the active ticket (PSID 0x1D); they wait in the persistent
/// <see cref="MisbehaviourQueue"/> and leave encrypted for the authority's certificate (IEEE 1609.2 certRecipInfo,
/// <see cref="PkiProtocol.Client.PkiClient.SubmitReportAsync"/>). Offline, they wait and are retried with backoff; a
/// report the authority refuses is not retried. Start the delivery loop with <see cref="Start"/>.
/// </summary>
public sealed class MisbehaviourReporter : IAsyncDisposable
{
    private readonly MisbehaviourReporterOptions _options;
    private readonly ILogger _log;
    private readonly Backoff _backoff;
    private readonly SemaphoreSlim _deliver = new(1, 1);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _work = Task.CompletedTask;
    private Task _loop = Task.CompletedTask;
    private int _pending;
    private long _droppedFindings;
    private long _unsigned;

    /// <summary>A reporter; nothing is sent until <see cref="Start"/> or <see cref="DeliverAsync"/>.</summary>
    public MisbehaviourReporter(MisbehaviourReporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingFindings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
        _backoff = new Backoff(options.InitialBackoff, options.MaxBackoff, options.Random);
    }

    /// <summary>Raised when the authority took a report (its answer), for the bench's figures.</summary>
    public event Action<string, string>? Delivered;

    /// <summary>Findings dropped because too many waited to be signed.</summary>
    public long DroppedFindings => Interlocked.Read(ref _droppedFindings);

    /// <summary>Findings the partition did not sign (no ticket, refused) or whose evidence did not fit.</summary>
    public long Unsigned => Interlocked.Read(ref _unsigned);

    /// <summary>Completes when every finding handed in so far is signed and queued (or given up).</summary>
    public Task Idle
    {
        get
        {
            lock (_lock)
            {
                return _work;
            }
        }
    }

    /// <summary>Hands in a finding: signed by the partition and queued in the background, in order.</summary>
    public void Report(MisbehaviourFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        lock (_lock)
        {
            if (_pending >= _options.MaxPendingFindings)
            {
                _droppedFindings++;
                return;
            }

            _pending++;
            _work = Then(_work, () => SignObservationAsync(finding));
        }
    }

    /// <summary>Hands in the station's own anomaly report (the partition builds and signs it), queued in the background.</summary>
    public void ReportOwnAnomaly()
    {
        lock (_lock)
        {
            _pending++;
            _work = Then(_work, SignOwnAsync);
        }
    }

    /// <summary>Starts the delivery loop: every <see cref="MisbehaviourReporterOptions.Interval"/>, or after the backoff when a delivery failed.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_loop.IsCompleted)
            {
                _loop = Task.Run(() => LoopAsync(_stop.Token));
            }
        }
    }

    /// <summary>
    /// Sends the waiting reports now; returns how many the authority took. Stops at the first that cannot reach it
    /// (offline): false in <paramref name="reachable"/>. A refused report is settled as refused and the next one sent.
    /// </summary>
    public async Task<(int Delivered, bool Reachable)> DeliverAsync(CancellationToken cancellationToken = default)
    {
        await _deliver.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var delivered = 0;
            foreach (var (seq, kind, subject, signed) in _options.Queue.Waiting(32))
            {
                try
                {
                    var answer = await _options.Pki.SubmitReportAsync(signed, cancellationToken).ConfigureAwait(false);
                    _options.Queue.Delivered(seq, answer);
                    delivered++;
                    _log.LogInformation("Misbehaviour report {Seq} ({Kind} about {Subject}) taken: {Answer}", seq, kind, subject, answer);
                    Delivered?.Invoke(kind, answer);
                }
                catch (PkiException e)
                {
                    // The authority (or its certificate) refused these very bytes: sending them again cannot succeed.
                    _options.Queue.Refused(seq, $"{e.Failure}: {e.Message}");
                    _log.LogWarning("Misbehaviour report {Seq} ({Kind} about {Subject}) refused: {Failure} {Error}", seq, kind, subject, e.Failure, e.Message);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _options.Queue.Attempted(seq);
                    _log.LogInformation("Misbehaviour authority not reachable ({Error}); {Kind} report {Seq} waits", e.Message, kind, seq);
                    return (delivered, false);
                }
            }

            return (delivered, true);
        }
        finally
        {
            _deliver.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loop, Idle).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _deliver.Dispose();
    }

    private async Task Then(Task previous, Func<Task> next)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The previous item logged its own failure.
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _pending--;
            }
        }
    }

    private async Task SignObservationAsync(MisbehaviourFinding finding)
    {
        if (Build(finding) is not { } report)
        {
            Interlocked.Increment(ref _unsigned);
            _log.LogWarning("No report for {Observation} about {Subject}: the evidence does not fit", finding.Observation, finding.Subject);
            return;
        }

        await SignAndQueueAsync($"observation {finding.Observation}", finding.Subject.ToString(),
            () => _options.Partition.SignObservationReportAsync(report.ToBytes(), _stop.Token)).ConfigureAwait(false);
    }

    private Task SignOwnAsync() => SignAndQueueAsync("own anomaly", "this station", () => _options.Partition.SignOwnAnomalyReportAsync(_stop.Token));

    private async Task SignAndQueueAsync(string kind, string subject, Func<Task<byte[]>> sign)
    {
        try
        {
            var signed = await sign().ConfigureAwait(false);
            _options.Queue.Enqueue(kind, subject, signed);
            _ = NudgeAsync();
        }
        catch (Exception e) when (e is PartitionException or ProtocolException or MisbehaviourQueueException)
        {
            Interlocked.Increment(ref _unsigned);
            _log.LogWarning("No {Kind} report about {Subject}: {Error}", kind, subject, e.Message);
        }
    }

    // The finding as an observation report: the subject's messages that fit (the subject PDU last), at most 2048 octets.
    private static MisbehaviourReport? Build(MisbehaviourFinding finding)
    {
        var pdus = finding.Evidence.Where(p => p.Length is > 0 and <= ObservationReport.MaxPduOctets).TakeLast(ObservationReport.MaxPdus).ToList();
        while (pdus.Count > 0)
        {
            var time = Time64.FromUtc(finding.At);
            var evidence = new ObservationReport
            {
                GenerationTime = time,
                ObservationLocation = new ThreeDLocation((int)Math.Round(finding.Location.Latitude * 1e7), (int)Math.Round(finding.Location.Longitude * 1e7), 4096),
                Observations = [finding.Observation],
                Pdus = pdus,
            }.ToBytes();
            if (evidence.Length <= MisbehaviourReport.MaxEvidenceOctets)
            {
                return new MisbehaviourReport { GenerationTime = time, Kind = MisbehaviourKind.Observation, Subject = finding.Subject, Evidence = evidence };
            }

            pdus.RemoveAt(0);
        }

        return null;
    }

    private async Task NudgeAsync()
    {
        try
        {
            if (await DeliverAsync(_stop.Token).ConfigureAwait(false) is { Reachable: true })
            {
                _backoff.Reset();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (MisbehaviourQueueException e)
        {
            _log.LogWarning("Misbehaviour report queue: {Error}", e.Message);
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var (_, reachable) = await DeliverAsync(cancellationToken).ConfigureAwait(false);
                if (reachable)
                {
                    _backoff.Reset();
                    wait = _options.Interval;
                }
                else
                {
                    wait = _backoff.Fail();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (MisbehaviourQueueException e)
            {
                _log.LogWarning("Misbehaviour report queue: {Error}", e.Message);
                wait = _backoff.Fail();
            }

            try
            {
                await Task.Delay(wait, _options.Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
