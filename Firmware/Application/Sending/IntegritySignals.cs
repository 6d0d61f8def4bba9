using Hardware.Can;
using Hardware.Hmi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Sending;

/// <summary>
/// The signals option 1 raises instead of sending (patent ¶116): the application callback
/// (<see cref="MessageWithheld"/>, for every withheld message), and on the start of a detection or a worse
/// level: a CAN frame to the HMI unit (<see cref="HmiCanFrames"/>), the upstream alert
/// (<see cref="UpstreamAlerted"/>), and a visual and audible alert on the alert output. When the partition
/// reports clean again the CAN frame says so and the alert is cleared. Thread-safe.
/// </summary>
public sealed class IntegritySignals
{
    /// <summary>The id of the alert raised on the alert output.</summary>
    public const string AlertId = "integrity-detection";

    private readonly ICanBus? _can;
    private readonly IAlertOutput? _alerts;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IntegrityLevel _level;
    private DetectorFlags _detectors;
    private int _withheld;

    /// <summary>Signals on a CAN bus and an alert output (either may be missing on a board without it).</summary>
    public IntegritySignals(ICanBus? can, IAlertOutput? alerts, ILogger? logger = null)
    {
        _can = can;
        _alerts = alerts;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>The application callback: a message was withheld.</summary>
    public event Action<WithheldMessage>? MessageWithheld;

    /// <summary>The upstream alert: a detection began or got worse.</summary>
    public event Action<UpstreamAlert>? UpstreamAlerted;

    /// <summary>Whether a detection is being signalled now.</summary>
    public bool Active { get; private set; }

    /// <summary>A message was withheld for a detection.</summary>
    public async Task WithheldAsync(DateTimeOffset time, Psid psid, IntegrityLevel level, DetectorFlags detectors, uint station, CancellationToken cancellationToken)
    {
        UpstreamAlert? alert = null;
        WithheldMessage withheld;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var escalated = !Active || level > _level || (detectors & ~_detectors) != 0;
            _withheld = Active ? _withheld + 1 : 1;
            withheld = new WithheldMessage(time, psid, level, detectors, _withheld);
            if (escalated)
            {
                // A new detector at a lower level does not lower what is signalled: the worst level seen while active.
                _level = Active && _level > level ? _level : level;
                Active = true;
                _detectors |= detectors;
                _log.LogWarning("Integrity detection ({Level}, {Detectors}): messages are withheld (option 1)", _level, _detectors);
                await SendCanAsync(true, _level, _detectors, _withheld, psid, cancellationToken).ConfigureAwait(false);
                _alerts?.Raise(new HmiAlert(AlertId, _level >= IntegrityLevel.HighAnomaly ? AlertSeverity.Critical : AlertSeverity.Warning,
                    $"V2X messages withheld: integrity {_level} ({_detectors})", Visual: true, Audible: true));
                alert = new UpstreamAlert(time, _level, _detectors, station);
            }
        }
        finally
        {
            _gate.Release();
        }

        MessageWithheld?.Invoke(withheld);
        if (alert is not null)
        {
            UpstreamAlerted?.Invoke(alert);
        }
    }

    /// <summary>The partition reports clean again: tell the HMI unit and clear the alert.</summary>
    public async Task ClearAsync(Psid psid, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Active)
            {
                return;
            }

            Active = false;
            _log.LogInformation("Integrity clean again after {Withheld} withheld messages", _withheld);
            await SendCanAsync(false, IntegrityLevel.NoAnomaly, DetectorFlags.None, _withheld, psid, cancellationToken).ConfigureAwait(false);
            _alerts?.Clear(AlertId);
            _level = IntegrityLevel.NoAnomaly;
            _detectors = DetectorFlags.None;
            _withheld = 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendCanAsync(bool detection, IntegrityLevel level, DetectorFlags detectors, int withheld, Psid psid, CancellationToken cancellationToken)
    {
        if (_can is not null)
        {
            await _can.SendAsync(HmiCanFrames.Encode(detection, level, detectors, withheld, (byte)psid.Value), cancellationToken).ConfigureAwait(false);
        }
    }
}
