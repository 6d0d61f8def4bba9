using Cti.Taxii;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream.Delivery;
using Firmware.Upstream.Queue;
using Firmware.Upstream.ReturnPath;
using Hardware.Positioning;
using Microsoft.Extensions.Logging;

namespace Firmware.Upstream;

public sealed partial class UpstreamForwarder
{
    /// <summary>
    /// Runs one cycle now (an upstream alert should not wait for the next interval) and never throws:
    /// a failure is logged, the queue keeps the summaries, and the loop's persisted backoff retries.
    /// </summary>
    public async Task NudgeAsync()
    {
        try
        {
            var cycle = await RunCycleAsync().ConfigureAwait(false);
            _log.LogInformation("Upstream cycle on alert: {Reports} reports read, {Errors} errors", cycle.ReportsRead, cycle.Errors.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogWarning(e, "Upstream cycle on alert failed");
        }
    }

    /// <summary>Runs one cycle now: read reports, deliver, poll indicators when due. Never throws for bad input from outside.</summary>
    public async Task<UpstreamCycle> RunCycleAsync(CancellationToken cancellationToken = default)
    {
        await _cycleGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = _time.GetUtcNow();
            var errors = new List<string>();
            var reports = 0;
            try
            {
                reports = await PumpAsync(started, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProtocolException or PartitionException or UpstreamQueueException or SecurePartition.Encoding.MalformedDataException)
            {
                errors.Add("reading reports: " + e.Message);
            }

            var delivery = new DeliveryResult(0, 0, 0, null);
            try
            {
                delivery = await _delivery.DeliverAsync(_options.MaxSummariesPerEnvelope, cancellationToken).ConfigureAwait(false);
                if (delivery.Failure is { } failure)
                {
                    errors.Add("delivering: " + failure);
                }
            }
            catch (UpstreamQueueException e)
            {
                errors.Add("delivering: " + e.Message);
            }

            IndicatorSyncResult? indicators = null;
            if (_indicators is not null && started >= _nextPollAt)
            {
                try
                {
                    indicators = await _indicators.PollAsync(cancellationToken).ConfigureAwait(false);
                    _nextPollAt = started + _options.IndicatorPollInterval;
                }
                catch (Exception e) when (e is TaxiiClientException or ProtocolException or PartitionException or UpstreamQueueException)
                {
                    errors.Add("polling indicators: " + e.Message);
                }
            }

            try
            {
                _queue.ForgetSettled(started - _options.DeliveredRetention);
            }
            catch (UpstreamQueueException e)
            {
                errors.Add("forgetting settled summaries: " + e.Message);
            }

            TimeSpan wait;
            lock (_stateLock)
            {
                if (errors.Count > 0)
                {
                    wait = _backoff.Fail();
                }
                else
                {
                    _backoff.Reset();
                    wait = _options.CycleInterval;
                }

                _lastErrors = errors;
                _nextCycleAt = _time.GetUtcNow() + wait;
            }

            foreach (var error in errors)
            {
                _log.LogWarning("Upstream cycle: {Error}; next attempt in {Wait}", error, wait);
            }

            var cycle = new UpstreamCycle(started, reports, delivery, indicators, errors, started + wait);
            CycleCompleted?.Invoke(cycle);
            return cycle;
        }
        finally
        {
            _cycleGate.Release();
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var cycle = await RunCycleAsync(stop).ConfigureAwait(false);
                var wait = cycle.NextCycleAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop never dies: an unforeseen failure is logged and retried after a backoff.
                TimeSpan wait;
                lock (_stateLock)
                {
                    wait = _backoff.Fail();
                    _lastErrors = ["unexpected: " + e.Message];
                    _nextCycleAt = _time.GetUtcNow() + wait;
                }

                _log.LogError(e, "Upstream cycle failed; next attempt in {Wait}", wait);
                try
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Reads reports after the queue's cursor and commits each (summaries and cursor in one transaction).
    private async Task<int> PumpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cursor = _queue.ReportCursor;
        var read = 0;
        while (read < _options.MaxReportsPerCycle)
        {
            var batch = await _reports.ReadReportsAsync(cursor, _options.ReportsPerRead, cancellationToken).ConfigureAwait(false);
            var fresh = batch.Where(b => b.Sequence > cursor).OrderBy(b => b.Sequence).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            var fix = ReadPosition();
            foreach (var (sequence, report) in fresh)
            {
                var result = _desensitiser.Desensitise(report, now, fix);
                foreach (var blocked in result.Blocked)
                {
                    // Kinds and places only: the values are what must not leave, not even into a log.
                    _log.LogWarning("Summary {Detector}/{Class} of report {Sequence} not sent: {Findings}", blocked.Detector, blocked.AnomalyClass, sequence,
                        string.Join(", ", blocked.Findings.Select(f => f.Kind + " at " + f.Path).Distinct().Take(8)));
                }

                _queue.CommitReport(sequence, result);
                cursor = sequence;
                read++;
            }
        }

        return read;
    }

    private PositionFix? ReadPosition()
    {
        try
        {
            return _position?.Read();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            // No usable fix: the summaries go without a location.
            _log.LogInformation("No position for the summaries: {Message}", e.Message);
            return null;
        }
    }
}
