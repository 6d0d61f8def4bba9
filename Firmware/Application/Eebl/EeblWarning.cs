using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Hardware.Can;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;

namespace Firmware.Application.Eebl;

/// <summary>
/// The example application: the emergency electronic brake light warning (a DENM with cause
/// dangerousSituation (99), sub-cause emergencyElectronicBrakeEngaged (1), TS 102 894-2) maps the receive
/// pipeline's decision to a brake response (patent ¶179-182): act → full, act with caution → soft, prepare
/// only → pre-charge only, discard → none. The response is raised as <see cref="BrakeRequested"/> and sent to
/// the brake actuator as a CAN frame (<see cref="BrakeRequestCanFrames"/>), once per warning and again
/// whenever the response for it changes (a sender whose report turns bad mid-event). A cancellation DENM
/// releases the request (none). Rejected frames never reach the brakes. Thread-safe.
/// </summary>
public sealed class EeblWarning
{
    /// <summary>dangerousSituation sub-cause emergencyElectronicBrakeEngaged.</summary>
    public const byte EmergencyElectronicBrakeEngaged = 1;

    private const int MaxTracked = 1024;

    private readonly ICanBus? _can;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<ActionId, BrakeResponse> _last = [];
    private readonly Queue<ActionId> _order = new();

    /// <summary>Sends brake requests on <paramref name="can"/> (or only raises the event when there is no bus).</summary>
    public EeblWarning(ICanBus? can, TimeProvider clock, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _can = can;
        _clock = clock;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>A brake request (also sent on the CAN bus).</summary>
    public event Action<BrakeRequest>? BrakeRequested;

    /// <summary>The brake response for a decision (patent ¶179-182).</summary>
    public static BrakeResponse ResponseFor(TrustDecision decision) => decision switch
    {
        TrustDecision.Act => BrakeResponse.Full,
        TrustDecision.ActWithCaution => BrakeResponse.Soft,
        TrustDecision.PrepareOnly => BrakeResponse.PreChargeOnly,
        _ => BrakeResponse.None,
    };

    /// <summary>Whether a DENM is an emergency electronic brake light warning.</summary>
    public static bool IsEebl(DenmMessage denm)
    {
        ArgumentNullException.ThrowIfNull(denm);
        return denm.Denm.Situation?.EventType is { Cause: CauseCodeType.DangerousSituation, SubCause: EmergencyElectronicBrakeEngaged };
    }

    /// <summary>Handles one decision of the receive pipeline; returns the request made, or null when it made none.</summary>
    public async Task<BrakeRequest?> HandleAsync(ReceiveResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsAccepted || result.Frame?.Denm is not { } denm || !IsEebl(denm) || result.Decision is not { } decision || result.Row is not { } row)
        {
            return null;
        }

        var management = denm.Denm.Management;
        var cancelled = management.Termination is not null;
        var response = cancelled ? BrakeResponse.None : ResponseFor(decision);
        lock (_lock)
        {
            if (_last.TryGetValue(management.ActionId, out var previous) && previous == response)
            {
                return null;
            }

            if (!_last.ContainsKey(management.ActionId))
            {
                _order.Enqueue(management.ActionId);
                if (_order.Count > MaxTracked)
                {
                    _last.Remove(_order.Dequeue());
                }
            }

            _last[management.ActionId] = response;
        }

        var request = new BrakeRequest(_clock.GetUtcNow(), management.ActionId, result.Signer!.Value, decision, row, response, cancelled);
        _log.LogInformation("EEBL from {Sender} (action {Station}/{Sequence}): {Decision} (row {Row}) → brake {Response}", request.Sender,
            management.ActionId.OriginatingStationId, management.ActionId.SequenceNumber, decision, (int)row, response);
        if (_can is not null)
        {
            await _can.SendAsync(BrakeRequestCanFrames.Encode(response, decision, row, management.ActionId.OriginatingStationId), cancellationToken).ConfigureAwait(false);
        }

        BrakeRequested?.Invoke(request);
        return request;
    }
}
