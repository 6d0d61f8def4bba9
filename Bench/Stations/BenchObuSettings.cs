using System.Net;
using Bench.Demo;
using Bench.Hub;
using Hardware.Positioning;
using Hardware.Security;
using Microsoft.Extensions.Logging;
using V2x.Security.Crypto;

namespace Bench.Stations;

/// <summary>What one <see cref="BenchObu"/> is built from.</summary>
public sealed record BenchObuSettings
{
    /// <summary>Name and station id (obu-1 …).</summary>
    public required string Name { get; init; }

    /// <summary>Its folder (created).</summary>
    public required string Folder { get; init; }

    /// <summary>The clock of the board, the partition and the node.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The route it drives.</summary>
    public required IPositionSource Route { get; init; }

    /// <summary>The OEM signing key (image set and policy); the ROM pins its public key.</summary>
    public required EcdsaP256SignatureKey OemKey { get; init; }

    /// <summary>The PKI it is registered at and provisions from.</summary>
    public required DemoPki Pki { get; init; }

    /// <summary>The shared key store (PKCS#11 token), or null for the board's own in-memory store.</summary>
    public IKeyStore? KeyStore { get; init; }

    /// <summary>The run's key-label prefix (the OBU's name is appended), unique per run so runs never share keys.</summary>
    public required string LabelPrefix { get; init; }

    /// <summary>The sending option of the OEM-signed detection policy (patent ¶115-119; the demo: option 2).</summary>
    public Firmware.SecurePartition.Policy.SendingPolicy Policy { get; init; } = Firmware.SecurePartition.Policy.SendingPolicy.AlwaysInclude;

    /// <summary>Where the secure partition puts the integrity report (a partition setting, Docs/formats.md §3.8).</summary>
    public V2x.Integrity.ReportCarrier Carrier { get; init; } = V2x.Integrity.ReportCarrier.Facilities;

    /// <summary>The policy's scan period.</summary>
    public required TimeSpan ScanPeriod { get; init; }

    /// <summary>How often the node fetches the CRLs from the PKI service again (the demo: a third of its duration, so a run shows refreshes).</summary>
    public TimeSpan CrlRefreshPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The radio's multicast group (needed unless <see cref="Radio"/> is given).</summary>
    public IPAddress? RadioGroup { get; init; }

    /// <summary>The radio's UDP port.</summary>
    public int RadioPort { get; init; }

    /// <summary>A radio to use instead of UDP multicast (the misbehaviour evaluation's simulated medium); the OBU disposes it.</summary>
    public Hardware.Radio.IRadioLink? Radio { get; init; }

    /// <summary>Whether the node sends CAMs (a receiver-only station of the misbehaviour evaluation does not). Default true.</summary>
    public bool SendCams { get; init; } = true;

    /// <summary>
    /// Where the OBU keeps its queue of misbehaviour reports to the authority (SQLite); null: the node reports nothing
    /// (its findings and own anomalies stay local).
    /// </summary>
    public string? MisbehaviourQueuePath { get; init; }

    /// <summary>How often the node's misbehaviour reporter sends what its queue holds (ObuNodeOptions.MisbehaviourReportInterval). Default 10 s.</summary>
    public TimeSpan MisbehaviourReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The IDF implementation the station is registered with at the EA (its model; a scenario's vehicle <c>idf</c>). Default <see cref="Demo.DemoPki.ObuIdf"/>.</summary>
    public PkiProtocol.Audit.IdfImplementation Idf { get; init; } = Demo.DemoPki.ObuIdf;

    /// <summary>The sharing-community hub its upstream forwarder delivers to; null: no forwarder.</summary>
    public DemoHub? Hub { get; init; }

    /// <summary>The upstream forwarder's cycle interval (the demo: short, so a summary reaches the hub within seconds).</summary>
    public TimeSpan UpstreamInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Logs.</summary>
    public required ILoggerFactory Loggers { get; init; }

    /// <summary>
    /// The radio range model of the run (issue 15; null: every node hears every frame). The OBU's radio then drops
    /// frames from senders its model does not deliver, placed by the GeoNetworking position each frame carries.
    /// </summary>
    public Hardware.Radio.RadioRange? RadioRange { get; init; }

    /// <summary>
    /// The process's shared receiving side of the UDP multicast radio (the SUMO bench's many OBUs): the OBU's link is
    /// attached to it at <see cref="Route"/>'s position, keeps its own sending socket, and hears through the shared
    /// socket, which applies the shared radio's range model for it (<see cref="RadioRange"/> is then for the figures
    /// only). Null: the OBU's own socket (<see cref="RadioGroup"/>), or <see cref="Radio"/>.
    /// </summary>
    public Hardware.Radio.SharedUdpMulticastRadio? SharedRadio { get; init; }

    /// <summary>
    /// The receiver's verify-on-demand mode (Docs/trust-decisions.md, "Verify-on-demand"): the demo's OBUs run
    /// <see cref="Firmware.Application.Receiving.VerifyOnDemandMode.Off"/> (every frame's signature verified); a
    /// scenario may let its receivers skip the ECDSA of a cached neighbour's awareness-only CAMs, marked unverified.
    /// </summary>
    public Firmware.Application.Receiving.VerifyOnDemandMode VerifyOnDemand { get; init; } = Firmware.Application.Receiving.VerifyOnDemandMode.Off;

    /// <summary>
    /// The node's receive workers (null: one per core, as a vehicle runs it). A process hosting many OBUs (the SUMO
    /// bench) gives each one: its parallelism is across the OBUs, and every worker is a thread woken per frame.
    /// </summary>
    public int? ReceiveWorkers { get; init; }

    /// <summary>Record the drive into Folder/recording (decisions, sent messages, the route as the GNSS track).</summary>
    public bool Record { get; init; }

    /// <summary>The posture server the node polls (Docs/posture.md); null: no posture poll (the grade on the air is "not assessed").</summary>
    public PkiProtocol.Posture.PostureClient? PostureServer { get; init; }

    /// <summary>How often the node polls the posture server.</summary>
    public TimeSpan PosturePeriod { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Applications installed on the board at manufacture, before the partition's first boot (its inventory's baseline).</summary>
    public IReadOnlyList<Hardware.Inventory.SoftwareComponent> InstalledApplications { get; init; } = [];
}
