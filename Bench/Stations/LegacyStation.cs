using Firmware.Application.Composition;
using Hardware.Positioning;
using Hardware.Radio;
using PkiProtocol.Client;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Pcap;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;

namespace Bench.Stations;

/// <summary>
/// A station without the integrity-detection feature (patent ¶171): no secure partition, no report in its
/// messages, and an authorization ticket without the IDF permission, because the EA knows it as a station of
/// an IDF model the audit CA never assessed. It enrols and gets its ticket over HTTP like any station (its keys
/// in memory, as a legacy unit without the feature holds them), then sends CAMs at the EN 302 637-2 rate on
/// the same radio. Receivers must take the conventional path for its messages.
/// </summary>
public sealed class LegacyStation : IAsyncDisposable
{
    private readonly IRadioLink _radio;
    private readonly IPositionSource _position;
    private readonly TimeProvider _clock;
    private readonly PcapWriter? _capture;
    private readonly StationIdentity _identity;
    private readonly CamGenerationRules _rules = new();
    private readonly CertificateInclusion _certificates = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private EcdsaP256SignatureKey? _ticketKey;
    private Certificate? _ticket;
    private ITimer? _timer;
    private Task _running = Task.CompletedTask;
    private long _sent;
    private long _denmsSent;
    private int _denmSequence;

    /// <summary>A legacy station named <paramref name="name"/> on <paramref name="radio"/>, driving <paramref name="position"/>.</summary>
    public LegacyStation(string name, IRadioLink radio, IPositionSource position, TimeProvider clock, StationIdentity identity, PcapWriter? capture = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(radio);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(identity);
        Name = name;
        _radio = radio;
        _position = position;
        _clock = clock;
        _identity = identity;
        _capture = capture;
    }

    /// <summary>The station's name (its station id at the EA).</summary>
    public string Name { get; }

    /// <summary>CAMs sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Enrols with the canonical key the EA registered (TS 102 941 v1.4.1 §6.2.3.2) and gets one ticket
    /// (§6.2.3.3); the keys stay in this object's memory.
    /// </summary>
    /// <exception cref="PkiProtocol.PkiException">The PKI refused.</exception>
    public async Task ProvisionAsync(PkiClient pki, EcdsaP256SignatureKey canonicalKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(canonicalKey);
        using var ecKey = EcdsaP256SignatureKey.Generate();
        var ec = await pki.EnrolAsync(Name, canonicalKey, ecKey, cancellationToken).ConfigureAwait(false);
        var ticketKey = EcdsaP256SignatureKey.Generate();
        try
        {
            _ticket = await pki.RequestTicketAsync(ec, ecKey, ticketKey, null, null, cancellationToken).ConfigureAwait(false);
            _ticketKey = ticketKey;
        }
        catch
        {
            ticketKey.Dispose();
            throw;
        }
    }

    /// <summary>Starts the T_CheckCamGen timer (EN 302 637-2 v1.4.1 §6.1.3).</summary>
    /// <exception cref="InvalidOperationException">Not provisioned.</exception>
    public void Start()
    {
        if (_ticketKey is null)
        {
            throw new InvalidOperationException("Provision the ticket first.");
        }

        lock (_lock)
        {
            _timer ??= _clock.CreateTimer(_ => Tick(), null, CamGenerationRules.CheckCamGen, CamGenerationRules.CheckCamGen);
        }
    }

    /// <summary>
    /// Sends one emergency-electronic-brake-light DENM (EN 302 637-3, TS 102 894-2 dangerousSituation /
    /// emergencyElectronicBrakeEngaged) from the current position, signed with the ticket and without a report,
    /// GeoBroadcast over the event's relevance circle. A legacy unit repeats nothing here: one DENM per call.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not provisioned, or no position fix.</exception>
    public async Task SendEeblAsync(DenmEvent eebl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eebl);
        eebl.Validate();
        if (_ticketKey is not { } key)
        {
            throw new InvalidOperationException("Provision the ticket first.");
        }

        var fix = _position.Read();
        if (!fix.IsValid)
        {
            throw new InvalidOperationException("No valid position fix: a DENM needs the event position.");
        }

        var now = _clock.GetUtcNow();
        var time = TimestampIts.FromUtc(now);
        var action = new ActionId(_identity.StationId, (ushort)Interlocked.Increment(ref _denmSequence));
        var reference = CamComposer.ReferencePosition(fix);
        var denm = new DenmMessage(_identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(action, time, time, reference, StationType.PassengerCar,
                RelevanceDistance: RelevanceDistance.LessThan500m,
                ValidityDurationSeconds: (int)eebl.Validity.TotalSeconds,
                TransmissionIntervalMilliseconds: (int)eebl.RepetitionInterval.TotalMilliseconds),
            new SituationContainer(eebl.InformationQuality, eebl.EventType)));
        var request = new FrameRequest(FacilitiesPayload.FromDenm(denm),
            GnTransport.GeoBroadcastCircle((ushort)action.SequenceNumber, reference.LatitudeTenthMicrodegrees, reference.LongitudeTenthMicrodegrees, eebl.RelevanceRadiusMetres),
            CamComposer.PositionVector(_identity, GnStationType.PassengerCar, fix), now)
        {
            ElevationDecimetres = fix.AltitudeMeters is { } m
                ? (int)Math.Clamp(Math.Round(m * 10), FrameRequest.MinElevationDecimetres, FrameRequest.MaxElevationDecimetres)
                : null,
        };

        // Patent ¶171: signed with the ticket (certificate carried, TS 103 097 v2.1.1 §7.1.2), no integrity report.
        var frame = FrameBuilder.BuildSigned(request, new SpduSigner(key, _ticket), SignerChoice.Certificate, report: null);
        await _radio.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _capture?.Write(now, frame);
        }

        Interlocked.Increment(ref _denmsSent);
    }

    /// <summary>Completes when the CAM check under way (if any) has sent its CAM (a hand-stepped clock waits on it).</summary>
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

    /// <summary>EEBL DENMs sent so far.</summary>
    public long DenmsSent => Interlocked.Read(ref _denmsSent);

    /// <summary>Stops sending.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Task running;
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            running = _running;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _ticketKey?.Dispose();
    }

    private void Tick()
    {
        lock (_lock)
        {
            if (_running.IsCompleted && !_stop.IsCancellationRequested)
            {
                _running = CheckAsync(_stop.Token);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var fix = _position.Read();
        var trigger = _rules.Evaluate(now, fix);
        if (trigger is CamTrigger.None or CamTrigger.NoFix || _ticketKey is not { } key)
        {
            return;
        }

        var lowFrequency = _rules.IncludeLowFrequency(now);
        var cam = CamComposer.Cam(_identity, CamComposer.Vehicle.PassengerCar, fix, now, lowFrequency);
        var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(_identity, GnStationType.PassengerCar, fix), now);
        var signer = _certificates.Choose(now);

        // Patent ¶171: a legacy station signs with its ticket and carries no integrity report.
        var frame = FrameBuilder.BuildSigned(request, new SpduSigner(key, _ticket), signer, report: null);
        try
        {
            await _radio.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        lock (_lock)
        {
            _capture?.Write(now, frame);
        }

        _rules.Generated(now, fix, trigger, lowFrequency);
        _certificates.Transmitted(signer, now);
        Interlocked.Increment(ref _sent);
    }
}
