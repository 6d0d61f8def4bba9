using Firmware.Application.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.GeoNetworking;
using V2x.Stack;

namespace Firmware.Application.Composition;

/// <summary>
/// The CA basic service of the OBU (ETSI EN 302 637-2 v1.4.1): every T_CheckCamGen on the clock it reads the
/// position source, applies the generation rules (<see cref="CamGenerationRules"/>, 1 to 10 Hz) and sends a
/// CAM (single-hop broadcast, BTP-B port 2001, PSID 36) through the <see cref="MessageSender"/>, naming its
/// ticket by certificate or digest as <see cref="CertificateInclusion"/> says. A check that finds the previous
/// one still running is skipped, so a slow partition never builds a backlog.
/// </summary>
public sealed class CamService : IDisposable
{
    private readonly CamServiceOptions _options;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private Task _running = Task.CompletedTask;
    private long _generated;
    private long _skipped;

    /// <summary>Creates the service (not started).</summary>
    public CamService(CamServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>The generation rules' state.</summary>
    public CamGenerationRules Rules { get; } = new();

    /// <summary>When the certificate goes into a CAM.</summary>
    public CertificateInclusion Certificates => _options.Certificates;

    /// <summary>CAMs handed to the sender so far.</summary>
    public long Generated => Interlocked.Read(ref _generated);

    /// <summary>Checks skipped because the previous one was still running.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>The check that is running (or the last one); tests await it after stepping the clock.</summary>
    public Task Idle
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Starts the T_CheckCamGen timer on the clock.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _timer ??= _options.Clock.CreateTimer(_ => Tick(), null, CamGenerationRules.CheckCamGen, CamGenerationRules.CheckCamGen);
        }
    }

    /// <summary>Stops the timer (a check in progress completes).</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>One check: generates and sends a CAM when a rule says so; returns the trigger (None when no CAM).</summary>
    public async Task<CamTrigger> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = _options.Clock.GetUtcNow();
        var fix = _options.Position.Read();
        var trigger = Rules.Evaluate(now, fix);
        if (trigger is CamTrigger.None or CamTrigger.NoFix)
        {
            return trigger;
        }

        var identity = _options.Identity();
        var lowFrequency = Rules.IncludeLowFrequency(now);
        var cam = CamComposer.Cam(identity, _options.Vehicle, fix, now, lowFrequency);
        var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(identity, GnStationTypeOf(_options.Vehicle), fix), now);
        var signer = _options.Certificates.Choose(now);
        var result = await _options.Sender.SendAsync(request, signer, cancellationToken).ConfigureAwait(false);

        // The rules count a CAM that was generated, whether it went out or was withheld (option 1): the
        // generation frequency does not depend on the sending policy.
        if (result.Status is SendStatus.Transmitted or SendStatus.Withheld)
        {
            Rules.Generated(now, fix, trigger, lowFrequency);
            Interlocked.Increment(ref _generated);
        }

        if (result.Status == SendStatus.Transmitted)
        {
            _options.Certificates.Transmitted(signer, now);
        }

        return trigger;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _stop.Cancel();
        _stop.Dispose();
    }

    private static GnStationType GnStationTypeOf(CamComposer.Vehicle vehicle) => (GnStationType)(byte)vehicle.StationType;

    private void Tick()
    {
        lock (_lock)
        {
            if (!_running.IsCompleted)
            {
                Interlocked.Increment(ref _skipped);
                return;
            }

            _running = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await CheckAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ArgumentException e)
        {
            _log.LogError("CAM not generated: {Error}", e.Message);
        }
    }
}
