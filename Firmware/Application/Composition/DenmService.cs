using Firmware.Application.Sending;
using Hardware.Positioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Security.Signing;
using V2x.Stack;

namespace Firmware.Application.Composition;

/// <summary>
/// The DEN basic service of the originating station (ETSI EN 302 637-3 v1.3.1 §8): an event gets a new
/// actionID and is sent at once as a DENM (geo-broadcast around the event, BTP-B port 2002, PSID 37, the
/// ticket as certificate: TS 103 097 v2.1.1 §7.1.2), then repeated every transmissionInterval with the same
/// content and reference time until its validityDuration ends; terminating it sends a cancellation DENM and
/// stops the repetition. Each repetition is signed afresh by the secure partition (new time, counter, nonce).
/// Repetitions run on the clock's timers; one still in flight skips the next.
/// </summary>
public sealed class DenmService : IDisposable
{
    private readonly DenmServiceOptions _options;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<ActionId, Repetition> _active = [];
    private readonly CancellationTokenSource _stop = new();
    private ushort _sequence;
    private ushort _gnSequence;

    /// <summary>Creates the service.</summary>
    public DenmService(DenmServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>The events being repeated now.</summary>
    public IReadOnlyList<ActionId> ActiveEvents
    {
        get
        {
            lock (_lock)
            {
                return [.. _active.Keys];
            }
        }
    }

    /// <summary>DENMs handed to the sender so far (first transmissions, repetitions and cancellations).</summary>
    public long Sent { get; private set; }

    /// <summary>Completes when every repetition in flight has been handed to the sender.</summary>
    public Task Idle
    {
        get
        {
            lock (_lock)
            {
                return Task.WhenAll(_active.Values.Select(a => a.Running).Append(_lastStopped));
            }
        }
    }

    private Task _lastStopped = Task.CompletedTask;

    /// <summary>
    /// Announces an event (AppDENM_trigger): a new actionID, detection and reference time now, the event at
    /// the current position; sends the first DENM and starts the repetition. Returns the actionID.
    /// </summary>
    /// <exception cref="ArgumentException">The event is out of range.</exception>
    /// <exception cref="InvalidOperationException">The position source has no valid fix.</exception>
    public async Task<(ActionId Action, SendResult First)> TriggerAsync(DenmEvent denmEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denmEvent);
        denmEvent.Validate();
        var fix = _options.Position.Read();
        if (!fix.IsValid)
        {
            throw new InvalidOperationException("No valid position fix: a DENM needs the event position.");
        }

        var now = _options.Clock.GetUtcNow();
        var identity = _options.Identity();
        Repetition active;
        lock (_lock)
        {
            var action = new ActionId(identity.StationId, unchecked(_sequence++));
            var time = TimestampIts.FromUtc(now);
            var denm = new DenmMessage(identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
                new ManagementContainer(action, time, time, CamComposer.ReferencePosition(fix), _options.StationType,
                    RelevanceDistance: Relevance(denmEvent.RelevanceRadiusMetres),
                    ValidityDurationSeconds: (int)denmEvent.Validity.TotalSeconds,
                    TransmissionIntervalMilliseconds: (int)denmEvent.RepetitionInterval.TotalMilliseconds),
                new SituationContainer(denmEvent.InformationQuality, denmEvent.EventType)));
            // The validity ends where receivers compute it: detectionTime as sent (whole milliseconds, EN 302 637-3
            // §8.1.2 TimestampIts) plus validityDuration as sent (whole seconds); a repetition after it would be discarded.
            active = new Repetition(action, denm, denmEvent, time.ToUtc() + denmEvent.Validity);
            _active[action] = active;
        }

        var first = await SendAsync(active.Denm, active.Event.RelevanceRadiusMetres, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_active.ContainsKey(active.Action))
            {
                active.Timer = _options.Clock.CreateTimer(_ => Repeat(active), null, denmEvent.RepetitionInterval, denmEvent.RepetitionInterval);
            }
        }

        _log.LogInformation("DENM {Cause}/{SubCause} action {Station}/{Sequence} triggered: {Status}", denmEvent.EventType.Cause, denmEvent.EventType.SubCause,
            active.Action.OriginatingStationId, active.Action.SequenceNumber, first.Status);
        return (active.Action, first);
    }

    /// <summary>
    /// Terminates an event (AppDENM_termination): stops the repetition and sends a cancellation DENM
    /// (termination isCancellation, a new reference time). Returns null when the event is not active.
    /// </summary>
    public async Task<SendResult?> TerminateAsync(ActionId action, CancellationToken cancellationToken = default)
    {
        Repetition? active;
        lock (_lock)
        {
            if (!_active.Remove(action, out active))
            {
                return null;
            }

            active.Timer?.Dispose();
        }

        var time = TimestampIts.FromUtc(_options.Clock.GetUtcNow());
        var management = active.Denm.Denm.Management with { ReferenceTime = time, Termination = Termination.IsCancellation };
        var cancellation = active.Denm with { Denm = active.Denm.Denm with { Management = management } };
        return await SendAsync(cancellation, active.Event.RelevanceRadiusMetres, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var a in _active.Values)
            {
                a.Timer?.Dispose();
            }

            _active.Clear();
        }

        _stop.Cancel();
        _stop.Dispose();
    }

    // EN 302 637-3 v1.3.1 §8: repeat with the same content until the validity ends. A repetition that falls due
    // at the end itself (within half an interval: timers and the wall clock drift by milliseconds, and signing
    // takes some) is not sent: it would reach receivers after the validity and be discarded.
    private void Repeat(Repetition active)
    {
        lock (_lock)
        {
            if (_options.Clock.GetUtcNow() + (active.Event.RepetitionInterval / 2) >= active.Expires)
            {
                active.Timer?.Dispose();
                _active.Remove(active.Action);
                _lastStopped = active.Running;
                return;
            }

            if (!active.Running.IsCompleted || !_active.ContainsKey(active.Action))
            {
                return;
            }

            active.Running = RepeatAsync(active);
        }
    }

    private async Task RepeatAsync(Repetition active)
    {
        try
        {
            await SendAsync(active.Denm, active.Event.RelevanceRadiusMetres, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ArgumentException e)
        {
            _log.LogError("DENM repetition not sent: {Error}", e.Message);
        }
    }

    private async Task<SendResult> SendAsync(DenmMessage denm, ushort radiusMetres, CancellationToken cancellationToken)
    {
        var fix = _options.Position.Read();
        var identity = _options.Identity();
        var position = denm.Denm.Management.EventPosition;
        ushort sequence;
        lock (_lock)
        {
            sequence = unchecked(_gnSequence++);
        }

        // The GN source position vector is the sender's current one (EN 302 636-4-1 §9.5.2); with no fix the
        // event position stands in (the DENM itself carries the event position either way).
        var source = fix.IsValid
            ? CamComposer.PositionVector(identity, (GnStationType)(byte)_options.StationType, fix)
            : CamComposer.PositionVector(identity, (GnStationType)(byte)_options.StationType,
                new PositionFix(true, position.LatitudeTenthMicrodegrees / 1e7, position.LongitudeTenthMicrodegrees / 1e7, null, null, null, _options.Clock.GetUtcNow(), null));
        var request = new FrameRequest(FacilitiesPayload.FromDenm(denm),
            GnTransport.GeoBroadcastCircle(sequence, position.LatitudeTenthMicrodegrees, position.LongitudeTenthMicrodegrees, radiusMetres),
            source, _options.Clock.GetUtcNow())
        {
            ElevationDecimetres = fix.AltitudeMeters is { } m ? (int)Math.Clamp(Math.Round(m * 10), V2x.Stack.FrameRequest.MinElevationDecimetres, V2x.Stack.FrameRequest.MaxElevationDecimetres) : null,
        };
        var result = await _options.Sender.SendAsync(request, SignerChoice.Certificate, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            Sent++;
        }

        return result;
    }

    private static RelevanceDistance Relevance(ushort metres) => metres switch
    {
        < 50 => RelevanceDistance.LessThan50m,
        < 100 => RelevanceDistance.LessThan100m,
        < 200 => RelevanceDistance.LessThan200m,
        < 500 => RelevanceDistance.LessThan500m,
        < 1000 => RelevanceDistance.LessThan1000m,
        < 5000 => RelevanceDistance.LessThan5km,
        < 10000 => RelevanceDistance.LessThan10km,
        _ => RelevanceDistance.Over10km,
    };

    private sealed class Repetition(ActionId action, DenmMessage denm, DenmEvent denmEvent, DateTimeOffset expires)
    {
        public ActionId Action { get; } = action;

        public DenmMessage Denm { get; } = denm;

        public DenmEvent Event { get; } = denmEvent;

        public DateTimeOffset Expires { get; } = expires;

        public ITimer? Timer { get; set; }

        public Task Running { get; set; } = Task.CompletedTask;
    }
}
