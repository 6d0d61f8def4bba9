using Firmware.Application.Composition;
using Firmware.Application.Eebl;
using Firmware.Application.Misbehaviour;
using Firmware.Application.Receiving;
using Firmware.Application.Sending;
using Firmware.Application.Trust;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;

namespace Firmware.Application.Node;

/// <summary>
/// One OBU's application partition, whole: CAMs and DENMs composed and sent through the secure partition
/// (which decides, from its OEM-signed sending option, whether each carries the report), every received
/// frame through the receive pipeline (the station's own messages reflected back rejected by their signed
/// identity), the EEBL application on the decisions, CRLs kept current, tickets provisioned and pseudonyms
/// changed on a schedule. It holds no private key of the V2X path: it reaches its partition only through
/// <see cref="SecurePartitionClient"/>, so the bench can host many nodes in one process (in-memory channels and
/// a shared radio medium) exactly as a vehicle runs one over a Unix socket. Start with <see cref="StartAsync"/>; stop with <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class ObuNode : IAsyncDisposable
{
    private readonly ObuNodeOptions _options;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly CrlRefresher? _crls;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _receiveWorkers = Task.CompletedTask;
    private Task _application = Task.CompletedTask;
    private ITimer? _pseudonymTimer;
    private ITimer? _sweepTimer;
    private StationIdentity _identity;
    private V2x.Link.MacAddress? _previousMac;
    private long _ownFramesDropped;

    /// <summary>Builds the node (nothing runs until <see cref="StartAsync"/>).</summary>
    /// <exception cref="ArgumentException">Invalid options (a bad root, a bad policy).</exception>
    public ObuNode(ObuNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        _log = loggers.CreateLogger($"Obu.{options.Name}");
        _identity = StationIdentity.Random(options.Random);
        Own = new OwnMessages();
        Own.AddAddress(_identity.Mac);

        Trust = new TrustStore(options.Root, acceptAsSentHashing: options.AcceptAsSentHashing);
        Receiver = new ReceivePipeline(new ReceiverOptions
        {
            Trust = Trust,
            Clock = options.Clock,
            Directory = options.Directory,
            Decisions = options.Decisions,
            Replay = options.Replay,
            Freshness = options.Freshness ?? ReceiverOptions.DefaultFreshnessByPsid,
            RequireCurrentCrls = options.RequireCurrentCrls,
            OperatingCountries = options.OperatingCountries,
            Own = Own,
            MaxSingleHopDistanceMetres = options.MaxSingleHopDistanceMetres,
            OwnPosition = OwnPosition,
            Load = options.Load,
            RecentDecisions = options.RecentDecisions,
            Name = options.Name,
            Logger = loggers.CreateLogger($"Obu.{options.Name}.Receive"),
        });
        Signals = new IntegritySignals(options.Can, options.Alerts, loggers.CreateLogger($"Obu.{options.Name}.Signals"));
        Sender = new MessageSender(new SenderOptions
        {
            Partition = options.Partition,
            Radio = options.Radio,
            Clock = options.Clock,
            Signals = Signals,
            Own = Own,
            Station = () => Identity.StationId,
            Capture = options.Capture,
            Logger = loggers.CreateLogger($"Obu.{options.Name}.Send"),
        });
        Cam = new CamService(new CamServiceOptions
        {
            Sender = Sender,
            Position = options.Position,
            Clock = options.Clock,
            Identity = () => Identity,
            Logger = loggers.CreateLogger($"Obu.{options.Name}.Cam"),
        });
        Denm = new DenmService(new DenmServiceOptions
        {
            Sender = Sender,
            Position = options.Position,
            Clock = options.Clock,
            Identity = () => Identity,
            Logger = loggers.CreateLogger($"Obu.{options.Name}.Denm"),
        });
        Eebl = new EeblWarning(options.Can, options.Clock, loggers.CreateLogger($"Obu.{options.Name}.Eebl"));
        if (options.Directory is { } directory)
        {
            _crls = new CrlRefresher(Trust, Receiver.Revocations, directory, options.Clock, loggers.CreateLogger($"Obu.{options.Name}.Crl"));
        }

        Receiver.NewSigner += _ => Cam.Certificates.Request();
        Receiver.Decided += OnDecided;
        Misbehaviour = new LocalMisbehaviourDetector(options.Misbehaviour, OwnPosition);
        (Reporter, Posture, OwnRevocations) = BuildLoops(options, loggers);

        // A frame the radio's own queue drops is remembered too: its exact copy, arriving later, is a duplicate.
        if (options.Radio is Hardware.Radio.IRadioDropReport drops)
        {
            drops.FrameDropped += f => Receiver.RememberDropped(f.Bytes);
        }
    }

    /// <summary>
    /// The station's own tickets and GN addresses (current and previous pseudonyms): the receive pipeline rejects a
    /// frame signed by one of them or sent from one of them, whatever its Ethernet source (<see cref="ReceiveReason.OwnMessage"/>).
    /// </summary>
    public OwnMessages Own { get; }

    /// <summary>Frames heard that carried this station's own MAC as Ethernet source (current or previous pseudonym), dropped unprocessed.</summary>
    public long OwnFramesDropped => Interlocked.Read(ref _ownFramesDropped);

    /// <summary>The node's name.</summary>
    public string Name => _options.Name;

    /// <summary>The station's current identity (station ID and MAC; new at every pseudonym change).</summary>
    public StationIdentity Identity
    {
        get
        {
            lock (_lock)
            {
                return _identity;
            }
        }
    }

    /// <summary>The trust anchor and validated certificates.</summary>
    public TrustStore Trust { get; }

    /// <summary>The receive pipeline (its <see cref="ReceivePipeline.Recent"/> feed is the node's live decisions).</summary>
    public ReceivePipeline Receiver { get; }

    /// <summary>The send path.</summary>
    public MessageSender Sender { get; }

    /// <summary>The option 1 signals (application callback, upstream alert).</summary>
    public IntegritySignals Signals { get; }

    /// <summary>The CA basic service.</summary>
    public CamService Cam { get; }

    /// <summary>The DEN basic service.</summary>
    public DenmService Denm { get; }

    /// <summary>The EEBL application.</summary>
    public EeblWarning Eebl { get; }

    /// <summary>The CRL refresher, when the node has a PKI directory.</summary>
    public CrlRefresher? Crls => _crls;

    /// <summary>Completes when the applications have handled every decision made so far.</summary>
    public Task ApplicationIdle
    {
        get
        {
            lock (_lock)
            {
                return _application;
            }
        }
    }

    /// <summary>
    /// Starts the node: checks the partition answers, provisions tickets (when configured), trusts the given CAs,
    /// fetches the CRLs, then starts receiving, the CAM timer, the CRL refresh and the pseudonym schedule.
    /// </summary>
    /// <exception cref="PkiException">Provisioning or the first CRL fetch was refused.</exception>
    /// <exception cref="TrustException">A configured CA certificate does not validate under the root.</exception>
    /// <exception cref="ProtocolException">The partition does not answer.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var (version, _, board) = await _options.Partition.HelloAsync(cancellationToken).ConfigureAwait(false);
        _log.LogInformation("{Node}: partition {Board} (protocol {Version}), station {Station}", Name, board, version, Identity.StationId);

        // Patent ¶114: the application announces its start; the partition measures it before it signs anything for it.
        var measured = await _options.Partition.AnnounceStartAsync($"{Name} {typeof(ObuNode).Assembly.GetName().Version}", cancellationToken).ConfigureAwait(false);
        _log.LogInformation("{Node}: start announced, measured {Level}", Name, measured.Level);
        if (_options.Provisioning is { } provisioning)
        {
            var station = _options.StationId ?? throw new ArgumentException("StationId is required with Provisioning.");
            await provisioning.EnrolAsync(station, cancellationToken).ConfigureAwait(false);
            await provisioning.RequestTicketsAsync(_options.Tickets, _options.PseudonymPeriod ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            Receiver.AddCertificate(await provisioning.Client.TrustedCaAsync("aa", null, cancellationToken).ConfigureAwait(false));
        }

        foreach (var ca in _options.CaCertificates)
        {
            Receiver.AddCertificate(ca);
        }

        if (_crls is not null)
        {
            await _crls.RefreshAsync(cancellationToken).ConfigureAwait(false);
            _crls.Start(_options.CrlRefreshPeriod);
        }

        Reporter?.Start();
        Posture?.Start();

        _receiveWorkers = Receiver.RunAsync(_options.ReceiveWorkers, _stop.Token);
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(_stop.Token), CancellationToken.None);
        _sweepTimer = _options.Clock.CreateTimer(_ => Receiver.Sweep(), null, CamGenerationRules.CheckCamGen, CamGenerationRules.CheckCamGen);
        if (_options.SendCams)
        {
            Cam.Start();
        }

        if (_options.PseudonymPeriod is { } period)
        {
            _pseudonymTimer = _options.Clock.CreateTimer(_ => _ = ChangePseudonymSafelyAsync(), null, period, period);
        }
    }

    /// <summary>
    /// Changes pseudonym: the partition activates its next ticket (with a fresh counter offset), the node takes
    /// a new station ID and MAC, and the next CAM carries the new certificate. Returns the active slot.
    /// </summary>
    /// <exception cref="PartitionException">No other ticket is installed.</exception>
    public async Task<ushort> ChangePseudonymAsync(CancellationToken cancellationToken = default)
    {
        var slot = await _options.Partition.ChangePseudonymAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _previousMac = _identity.Mac;
            _identity = StationIdentity.Random(_options.Random);
            Own.AddAddress(_identity.Mac);
        }

        Cam.Certificates.Request();
        _log.LogInformation("{Node}: pseudonym change to slot {Slot}, station {Station}", Name, slot, Identity.StationId);
        return slot;
    }

    /// <summary>Stops every timer and the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeLoopsAsync().ConfigureAwait(false);
        _pseudonymTimer?.Dispose();
        _sweepTimer?.Dispose();
        Cam.Dispose();
        Denm.Dispose();
        _crls?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await _receiveWorkers.ConfigureAwait(false);
        Receiver.Dispose();
        Trust.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Hardware.Radio.RadioFrame frame;
            try
            {
                frame = await _options.Radio.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
            {
                return;
            }

            Sender.Capture(frame.Bytes);
            if (IsOwnFrame(frame.Bytes))
            {
                Interlocked.Increment(ref _ownFramesDropped);
                continue;
            }

            // Only copied into the receiver's intake here (in arrival order); the receive workers decode, admit and
            // verify on every core.
            Receiver.Submit(frame.Bytes, frame.Sender, frame.ReceivedAt);
        }
    }

    // ETSI EN 302 636-4-1 §10.2.1.5 (duplicate address detection): a GeoNetworking router does not process a
    // packet that carries its own address. The MAC is the GN address's MID and the Ethernet source. A
    // station never received its own frames, so it holds no replay state for them: without this, a replay of
    // its own message would be decided like a neighbour's. This cheap, silent pre-filter takes the station's
    // own frames echoed by the medium; the Ethernet source is not signed, so a reflection under another MAC
    // is caught by the receive pipeline on the signed identity (Own: tickets and GN addresses) instead.
    private bool IsOwnFrame(ReadOnlySpan<byte> frame)
    {
        const int sourceOffset = 6;
        if (frame.Length < sourceOffset + V2x.Link.MacAddress.Length)
        {
            return false;
        }

        var source = V2x.Link.MacAddress.Read(frame.Slice(sourceOffset, V2x.Link.MacAddress.Length));
        lock (_lock)
        {
            return source == _identity.Mac || source == _previousMac;
        }
    }

    private void OnDecided(ReceiveResult result)
    {
        // Local misbehaviour detection sees every accepted CAM and DENM (the narrow hook); its one mitigation lowers the
        // EEBL decision of a DENM from a suspect ticket to "prepare only" (Docs/misbehaviour.md).
        if (ObservedMessage.From(result, _options.Misbehaviour.MaxReferenceLag) is { } observed)
        {
            Misbehaviour.Observe(observed);
            result = Mitigate(result, observed);
        }

        if (result.Frame?.Denm is null)
        {
            return;
        }

        lock (_lock)
        {
            var previous = _application;
            _application = HandleAsync(previous, result);
        }
    }

    private async Task HandleAsync(Task previous, ReceiveResult result)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await Eebl.HandleAsync(result, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ChangePseudonymSafelyAsync()
    {
        try
        {
            await ChangePseudonymAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PartitionException or ProtocolException or OperationCanceledException)
        {
            _log.LogWarning("{Node}: no pseudonym change: {Error}", Name, e.Message);
        }
    }
}
