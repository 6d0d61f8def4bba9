using System.Net;
using Bench.Demo;
using Bench.Hub;
using Firmware.Application.Misbehaviour.Reporting;
using Firmware.Application.Node;
using Firmware.Application.Provisioning;
using Firmware.Application.Trust;
using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream;
using Hardware.Boards;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Security;
using Hardware.Simulated;
using Microsoft.Extensions.Logging;
using PkiProtocol.Client;
using V2x.Pcap;
using V2x.Security.Crypto;

namespace Bench.Stations;

/// <summary>
/// One OBU of the bench as a vehicle has it: a simulated board flashed with an OEM-signed image set and
/// policy, its own secure partition (keys in the board's key store: the shared PKCS#11 token under this OBU's
/// label prefix, or memory), reached only through the partition protocol over an in-memory channel, and the
/// application partition (<see cref="ObuNode"/>) on the UDP multicast radio with a pcap of every frame. It
/// enrols and gets its ticket from the PKI service over HTTP at start. With a hub, its upstream forwarder
/// (<see cref="UpstreamForwarder"/>, its own SQLite queue in the OBU's folder) delivers the desensitised anomaly
/// summaries of its partition's reports to the sharing community (ITU-T X.1382 §9.3.2.3).
/// </summary>
public sealed class BenchObu : IAsyncDisposable
{
    /// <summary>How many recent decisions each bench OBU's receiver keeps in its own feed (the bench's ledger has them all).</summary>
    public const int RecentDecisions = 32;

    /// <summary>
    /// With a radio range, an OBU refuses single-hop frames signed farther away than the range plus this margin
    /// (<see cref="ObuNodeOptions.MaxSingleHopDistanceMetres"/>): the receiver's own fix is read when the frame is decided,
    /// after it arrived (over a second on a loaded bench: one genuine CAM in 360,000 came out 100 m too far at load 20),
    /// and two vehicles close at up to 80 m/s on the motorway. Without a range the bench's
    /// radio carries every frame to every node however far (the SUMO motorway is kilometres long), so the check is off.
    /// </summary>
    public const double SingleHopMarginMetres = 200;

    private readonly SimulatedBoard _board;
    private readonly SecurePartitionService _partition;
    private readonly InMemoryChannel _channel;
    private readonly SecurePartitionClient _client;
    private readonly IRadioLink _radio;
    private readonly FileStream _pcapFile;
    private readonly PcapWriter _pcap;
    private readonly HttpClient _http;
    private readonly PkiProvisioning _provisioning;
    private readonly IKeyStore? _sharedKeys;
    private readonly string _labelPrefix;
    private readonly ILogger _log;
    private UpstreamForwarder? _upstream;
    private HttpClient? _upstreamHttp;

    private BenchObu(string name, string folder, SimulatedBoard board, SecurePartitionService partition, InMemoryChannel channel,
        SecurePartitionClient client, IRadioLink radio, FileStream pcapFile, PcapWriter pcap, HttpClient http,
        PkiProvisioning provisioning, ObuNode node, IKeyStore? sharedKeys, string labelPrefix, ILogger log)
    {
        Name = name;
        Folder = folder;
        _board = board;
        _partition = partition;
        _channel = channel;
        _client = client;
        _radio = radio;
        _pcapFile = pcapFile;
        _pcap = pcap;
        _http = http;
        _provisioning = provisioning;
        Node = node;
        _sharedKeys = sharedKeys;
        _labelPrefix = labelPrefix;
        _log = log;
    }

    /// <summary>The OBU's name (obu-1 …), also its station id at the EA.</summary>
    public string Name { get; }

    /// <summary>Its folder (flash image, pcap).</summary>
    public string Folder { get; }

    /// <summary>The pcap of every frame it sent and received.</summary>
    public string PcapPath => Path.Combine(Folder, Name + ".pcap");

    /// <summary>Its requests to the PKI service so far, by kind.</summary>
    public PkiRequestCounter PkiRequests { get; private init; } = null!;

    /// <summary>The application partition.</summary>
    public ObuNode Node { get; }

    /// <summary>Its queue of misbehaviour reports to the authority (null: it reports nothing).</summary>
    public MisbehaviourQueue? MisbehaviourQueue { get; private init; }

    /// <summary>The drive recording, when the demo records (`--record`).</summary>
    public Firmware.Application.Recording.DriveRecorder? Recording { get; init; }

    /// <summary>The timer sampling the route into the recording.</summary>
    public ITimer? RecordingTrack { get; init; }

    /// <summary>The anomaly summaries the hub acknowledged from this OBU (null without a hub).</summary>
    public PostedSummaries? Posted { get; private set; }

    /// <summary>The CPU time of this OBU's work so far (measured per thread: Bench/Report/ObuCpu.cs).</summary>
    public Report.ObuCpu Cpu { get; private init; } = null!;

    /// <summary>Its secure partition's integrity detection function (the bench watches its scans: Bench/Live).</summary>
    internal Firmware.SecurePartition.Detection.IntegrityDetectionFunction Idf => _partition.Idf;

    /// <summary>The radio's source endpoint ("127.0.0.1:PORT"), which receivers see as the frame's source (on a simulated medium: the OBU's name).</summary>
    public string RadioSource => _radio is UdpMulticastRadioLink udp ? udp.LocalEndPoint.ToString() : Name;

    /// <summary>
    /// Builds the OBU: creates and flashes its board, boots its secure partition, registers its canonical key
    /// at the EA (manufacture), and builds the application partition. Nothing is sent until <see cref="StartAsync"/>.
    /// </summary>
    public static async Task<BenchObu> CreateAsync(BenchObuSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Everything built from here on (board, partition, node, radio, PKI client) runs on this OBU's CPU account (Bench/Report/ObuCpu.cs).
        var cpu = Report.ObuCpu.Enter(settings.Name);
        Directory.CreateDirectory(settings.Folder);
        var clock = settings.Clock;
        var board = SimulatedBoard.Create(Path.Combine(settings.Folder, "flash.bin"), ObuBoards.ObuSmall, new SimulatedBoardOptions
        {
            Time = clock,
            KeyStore = settings.KeyStore,
            Position = settings.Route,
        });
        var owned = new Stack<IDisposable>();
        owned.Push(board);
        try
        {
            foreach (var application in settings.InstalledApplications)
            {
                board.Inventory.Install(application);
            }

            // The OEM's image set and detection policy, signed with the OEM key the ROM pins (Docs/secure-partition.md);
            // the policy's sending option (the demo: option 2, the report in every message) is the partition's, not the node's.
            var policy = DefaultPolicies.SimulatedObu() with { ScanPeriod = settings.ScanPeriod, SendingOption = settings.Policy };
            FirmwareImageSet.Build(board.FlashImage.Partitions, SimulatedBoard.ReferenceVersion, SimulatedBoard.ReferenceSecureVersion,
                SimulatedBoard.ReferenceSecureVersion, new AntiRollback(board.Store).ManifestVersion + 1, policy, settings.OemKey, clock.GetUtcNow())
                .WriteTo(board.FlashImage, board.Store);
            var prefix = $"{settings.LabelPrefix}{settings.Name}-";
            var partition = new SecurePartitionService(new SecurePartitionOptions
            {
                Board = board.Capabilities,
                Rom = new BootRom(settings.OemKey.PublicKey),
                BlackBox = new FlashBlackBoxMedium(board.FlashImage),
                KeyLabelPrefix = prefix,
                PeriodicScans = true,
                ReportCarrier = settings.Carrier,
                Logger = settings.Loggers.CreateLogger($"{settings.Name}.SecurePartition"),
            });
            owned.Push(partition);
            var channel = new InMemoryChannel(new ProtocolServer(partition, logger: settings.Loggers.CreateLogger($"{settings.Name}.Protocol")));
            owned.Push(channel);
            var client = new SecurePartitionClient(channel.Connect());
            owned.Push(client);

            // Manufacture: the EA learns the station's canonical key, which never leaves the partition's key store.
            var canonical = BootRom.DecodeKey(await client.GetCanonicalKeyAsync(cancellationToken).ConfigureAwait(false));
            settings.Pki.Register(settings.Name, canonical, settings.Idf);

            // On a shared radio the node's link hears through the process's one socket, which applies the range for it.
            IRadioLink radio = settings.Radio ?? settings.SharedRadio?.Attach(settings.Route) ?? new UdpMulticastRadioLink(new UdpMulticastRadioOptions
            {
                Group = settings.RadioGroup ?? throw new ArgumentException("An OBU needs a radio or a multicast group.", nameof(settings)),
                Port = settings.RadioPort,
                Time = clock,
            });
            if (radio is IDisposable disposableRadio)
            {
                owned.Push(disposableRadio);
            }

            // Every frame the OBU hears and sends: a 64 KiB buffer, so a SUMO run's 100 OBUs make one write call per ~180 frames each, not per ~11.
            var pcapFile = new FileStream(Path.Combine(settings.Folder, settings.Name + ".pcap"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
            owned.Push(pcapFile);
            var pcap = new PcapWriter(pcapFile, leaveOpen: true);
            owned.Push(pcap);
            var queue = settings.MisbehaviourQueuePath is { } queuePath ? MisbehaviourQueue.Open(queuePath, 1024, clock) : null;
            if (queue is not null)
            {
                owned.Push(queue);
            }

            var requests = new PkiRequestCounter(settings.Pki.Tls.ClientHandler());
            var http = settings.Pki.Client(requests);
            owned.Push(http);
            var provisioning = new PkiProvisioning(http, settings.Pki.Root, client, clock, settings.Loggers.CreateLogger($"{settings.Name}.Provisioning"));
            owned.Push(provisioning);
            // The node itself drops frames carrying its own MAC (EN 302 636-4-1 §10.2.1.5, ObuNode).
            var node = new ObuNode(new ObuNodeOptions
            {
                Name = settings.Name,
                Partition = client,
                Radio = settings.RadioRange is { } range && settings.SharedRadio is null ? new RangeLimitedRadioLink(radio, settings.Route, range, f => V2x.Stack.SenderPosition.Read(f)) : radio,
                Position = board.Capabilities.Position!,
                Clock = clock,
                Root = settings.Pki.Root,
                Random = board.Capabilities.Random,
                Can = board.Capabilities.Can,
                Alerts = board.Capabilities.Alerts,
                Directory = new PkiDirectory(new PkiClient(http, settings.Pki.Root, clock)),
                Provisioning = provisioning,
                StationId = settings.Name,
                Tickets = 1,
                PseudonymPeriod = null,
                CrlRefreshPeriod = settings.CrlRefreshPeriod,
                SendCams = settings.SendCams,
                MisbehaviourQueue = queue,
                MisbehaviourReportInterval = settings.MisbehaviourReportInterval,
                PostureServer = settings.PostureServer,
                PosturePeriod = settings.PosturePeriod,
                Capture = pcap,
                Loggers = settings.Loggers,
                // Workers float: a bench process may run many OBUs, whose workers the scheduler spreads over the cores.
                Load = new Firmware.Application.Receiving.ReceiveLoadOptions { VerifyOnDemand = settings.VerifyOnDemand, BindWorkersToCores = false },
                MaxSingleHopDistanceMetres = settings.RadioRange is { } heard ? heard.Options.RangeMeters + SingleHopMarginMetres : null,
                // The bench's ledger keeps every decision; the receiver's own feed of recent ones (each with its decoded frame)
                // only needs to be short: at the default 1,024 a SUMO run's 185 OBUs held about 1 GB the GC had to trace.
                RecentDecisions = RecentDecisions,
                ReceiveWorkers = settings.ReceiveWorkers,
            });
            Firmware.Application.Recording.DriveRecorder? recorder = null;
            ITimer? track = null;
            if (settings.Record)
            {
                // The drive recording (issue 12): decisions and sent messages from the node, the route sampled once a second as the track.
                recorder = new Firmware.Application.Recording.DriveRecorder(Path.Combine(settings.Folder, "recording"), settings.Name, clock);
                owned.Push(recorder);
                recorder.Attach(node);
                track = clock.CreateTimer(_ => recorder.Fix(settings.Route.Read()), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
                owned.Push(track);
            }

            var log = settings.Loggers.CreateLogger($"{settings.Name}.Upstream");
            var obu = new BenchObu(settings.Name, settings.Folder, board, partition, channel, client, radio, pcapFile, pcap, http, provisioning, node,
                settings.KeyStore, prefix, log) { PkiRequests = requests, Recording = recorder, RecordingTrack = track, MisbehaviourQueue = queue, Cpu = cpu };
            if (settings.Hub is { } hub)
            {
                obu.AttachUpstream(hub, settings.UpstreamInterval, client, board, clock);
            }

            return obu;
        }
        catch
        {
            while (owned.Count > 0)
            {
                owned.Pop().Dispose();
            }

            throw;
        }
    }

    /// <summary>Enrols, gets the ticket, fetches the CRLs and starts sending CAMs; starts the upstream forwarder.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The node's loops and timers start here: on this OBU's CPU account too.
        Report.ObuCpu.Resume(Cpu);
        await Node.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_upstream is { } upstream)
        {
            // Option 1's upstream alert (patent ¶116) runs a cycle at once, as Firmware/Host/UpstreamHost.cs does; the loop covers the rest.
            Node.Signals.UpstreamAlerted += alert => _ = upstream.NudgeAsync();
            upstream.Start();
        }
    }

    /// <summary>
    /// Tampers the board with <paramref name="fault"/>: a rogue process (root, 90 % CPU) appears, which the process
    /// detector reports at the next full scan as a high anomaly; or four octets of the application image, 4 KiB into
    /// the <c>app</c> partition, are inverted in flash, which the integrity check's runtime re-hash at the next full scan
    /// reports as a compromise (<c>runtime.Tampered</c>). Either latches (Docs/secure-partition.md, detectors table).
    /// </summary>
    public void Tamper(TamperFault fault)
    {
        switch (fault)
        {
            case TamperFault.RogueProcess:
                _board.StartRogueProcess();
                break;
            case TamperFault.TamperedFirmware:
                Span<byte> octets = stackalloc byte[4];
                _board.FlashImage.Read(ObuPartitions.App, TamperedImageOffset, octets);
                for (var i = 0; i < octets.Length; i++)
                {
                    octets[i] ^= 0xFF;
                }

                _board.OverwriteImageBytes(ObuPartitions.App, TamperedImageOffset, octets);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }
    }

    /// <summary>Where <see cref="TamperFault.TamperedFirmware"/> overwrites the application image: 4 KiB into it, past its header, inside what the manifest hashes.</summary>
    public const long TamperedImageOffset = 4096;

    /// <summary>Stops the forwarder, the node, the partition and the radio; closes the pcap; removes this OBU's keys from a shared token.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync().ConfigureAwait(false);
        }

        _upstreamHttp?.Dispose();
        await Node.DisposeAsync().ConfigureAwait(false);
        MisbehaviourQueue?.Dispose();
        RecordingTrack?.Dispose();
        Recording?.Dispose();
        (_radio as IDisposable)?.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        _partition.Dispose();
        _provisioning.Dispose();
        _http.Dispose();
        _pcap.Dispose();
        await _pcapFile.DisposeAsync().ConfigureAwait(false);
        _board.Dispose();
        if (_sharedKeys is not null)
        {
            foreach (var label in _sharedKeys.List().Where(l => l.StartsWith(_labelPrefix, StringComparison.Ordinal)))
            {
                _sharedKeys.Delete(label);
            }
        }
    }

    // The forwarder of the OBU host (Firmware/Host/UpstreamHost.cs) with the demo's hub and a short cycle.
    private void AttachUpstream(DemoHub hub, TimeSpan interval, SecurePartitionClient client, SimulatedBoard board, TimeProvider clock)
    {
        Posted = new PostedSummaries(hub.Tls.ClientHandler(), clock);
        _upstreamHttp = new HttpClient(Posted);
        _upstream = UpstreamForwarder.ForPartition(new UpstreamOptions
        {
            QueuePath = Path.Combine(Folder, "upstream.db"),
            CollectionId = hub.AnomaliesCollection,
            Make = DemoHub.Make,
            Model = DemoHub.Model,
            CycleInterval = interval,
            InitialBackoff = interval,
            MaxBackoff = interval * 4,
        }, client, hub.ObuClient(_upstreamHttp, new PartitionLink(client), clock), board.Capabilities.Position, clock, board.Capabilities.Random, _log);
    }
}
