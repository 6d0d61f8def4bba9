using Firmware.Application.Decisions;
using Firmware.Application.Provisioning;
using Firmware.Application.Receiving;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Firmware.SecurePartition.Protocol;
using Hardware.Can;
using Hardware.Hmi;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using Microsoft.Extensions.Logging;
using V2x.Pcap;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Node;

/// <summary>What an <see cref="ObuNode"/> is built from: its partition connection, its hardware, its trust and its policies.</summary>
public sealed record ObuNodeOptions
{
    /// <summary>The node's name (logs, the receiver's name).</summary>
    public required string Name { get; init; }

    /// <summary>The secure partition (Unix socket, or the in-memory channel of a partition in the same process).</summary>
    public required SecurePartitionClient Partition { get; init; }

    /// <summary>The radio (UDP multicast on the bench, or a <see cref="SimulatedRadioMedium"/> node).</summary>
    public required IRadioLink Radio { get; init; }

    /// <summary>Position, speed and heading.</summary>
    public required IPositionSource Position { get; init; }

    /// <summary>The clock of every timer (CAM generation, DENM repetition, CRL refresh, pseudonym change).</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The trust anchor: the root certificate.</summary>
    public required Certificate Root { get; init; }

    /// <summary>Random bytes (station identities).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>The in-vehicle CAN bus (HMI status, brake requests); null when the board has none.</summary>
    public ICanBus? Can { get; init; }

    /// <summary>The dashboard alerts; null when the board has none.</summary>
    public IAlertOutput? Alerts { get; init; }

    /// <summary>Certificates by HashedId8 and CRLs; null to rely on certificate-bearing messages and <see cref="CaCertificates"/> only.</summary>
    public IPkiDirectory? Directory { get; init; }

    /// <summary>Ticket provisioning from the PKI at start; null when the partition holds its tickets already.</summary>
    public PkiProvisioning? Provisioning { get; init; }

    /// <summary>The station's id at the EA (enrolment), required with <see cref="Provisioning"/>.</summary>
    public string? StationId { get; init; }

    /// <summary>Tickets requested at start (at most 8 fit the partition). Default 3.</summary>
    public int Tickets { get; init; } = 3;

    /// <summary>CA certificates (an AA) to trust at start, validated under the root.</summary>
    public IReadOnlyList<Certificate> CaCertificates { get; init; } = [];

    /// <summary>The decision table's inputs.</summary>
    public DecisionPolicy Decisions { get; init; } = new();

    /// <summary>Bounds of the replay state.</summary>
    public ReplayOptions Replay { get; init; } = new();

    /// <summary>The receiver under load: queue, memory of failures, verify-on-demand, PKI look-up rates (Docs/trust-decisions.md, "Under load").</summary>
    public ReceiveLoadOptions Load { get; init; } = new();

    /// <summary>The farthest a single-hop sender may claim to be from this node's own fix (<see cref="ReceiverOptions.MaxSingleHopDistanceMetres"/>); null: not checked. Default 1,500 m.</summary>
    public double? MaxSingleHopDistanceMetres { get; init; } = ReceiverOptions.DefaultMaxSingleHopDistanceMetres;

    /// <summary>How many recent decisions the receiver's feed keeps (<see cref="ReceiverOptions.RecentDecisions"/>; each holds its decoded frame).</summary>
    public int RecentDecisions { get; init; } = ReceiverOptions.DefaultRecentDecisions;

    /// <summary>Receive workers verifying frames in parallel; null for one per core.</summary>
    public int? ReceiveWorkers { get; init; }

    /// <summary>Freshness per PSID; null for the defaults (CAM 2 s / 40 ms, DENM 10 s / 40 ms).</summary>
    public IReadOnlyDictionary<Psid, FreshnessWindow>? Freshness { get; init; }

    /// <summary>Refuse chains whose CRLs are not current. Default true; a node without <see cref="Directory"/> gets no CRLs and must turn it off.</summary>
    public bool RequireCurrentCrls { get; init; } = true;

    /// <summary>
    /// Accept certificate chains hashed as sent rather than canonically (Docs/trust-decisions.md, "Chains hashed as
    /// sent"; <see cref="Trust.TrustStore"/>). Default false. A local setting (Trust:AcceptAsSentHashing).
    /// </summary>
    public bool AcceptAsSentHashing { get; init; }

    /// <summary>Operating countries (UN M.49) for identified regions. Default Germany (276).</summary>
    public IReadOnlySet<ushort> OperatingCountries { get; init; } = new HashSet<ushort> { 276 };

    /// <summary>Send CAMs (EN 302 637-2). Default true.</summary>
    public bool SendCams { get; init; } = true;

    /// <summary>Change pseudonym this often (ticket, station ID and MAC); null never. Default 5 minutes.</summary>
    public TimeSpan? PseudonymPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the CRLs are refreshed. Default one minute.</summary>
    public TimeSpan CrlRefreshPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A pcap capture of every frame sent and received; null for none.</summary>
    public PcapWriter? Capture { get; init; }

    /// <summary>The bounds of the local misbehaviour detection (Docs/misbehaviour.md).</summary>
    public Misbehaviour.LmbdOptions Misbehaviour { get; init; } = new();

    /// <summary>
    /// The persistent queue of misbehaviour reports (the node does not own it); with <see cref="Provisioning"/> the node
    /// reports its findings and its own anomalies to the misbehaviour authority. Null: nothing is reported.
    /// </summary>
    public Misbehaviour.Reporting.MisbehaviourQueue? MisbehaviourQueue { get; init; }

    /// <summary>How often waiting misbehaviour reports are sent (also the first backoff). Default 10 s.</summary>
    public TimeSpan MisbehaviourReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The posture server's client; null: the posture is not polled (Docs/posture.md).</summary>
    public PkiProtocol.Posture.PostureClient? PostureServer { get; init; }

    /// <summary>How often the posture is polled. Default 6 hours.</summary>
    public TimeSpan PosturePeriod { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Structured logs.</summary>
    public ILoggerFactory? Loggers { get; init; }
}
