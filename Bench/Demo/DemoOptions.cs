using System.Globalization;
using Hardware.Security;

namespace Bench.Demo;

/// <summary>
/// What one bench demo run is made of: how long, how many OBUs, where the outputs go, the seed of its
/// choices, the clock, and the key store of the OBUs' secure partitions. The run has two phases of equal
/// length: "clean" (every OBU's integrity detection finds nothing), then "tampered" (one OBU runs a rogue
/// process from the phase's first instant).
/// </summary>
public sealed record DemoOptions
{
    /// <summary>The whole run (both phases). Default 30 s; at least 4 scan periods and <see cref="ShortestDuration"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>OBUs with the integrity detection function (at least 4, at most 12). Default 4.</summary>
    public int ObuCount { get; init; } = 4;

    /// <summary>Where the PKI folder, the pcaps, the decision log and the summary go (created; must be empty or absent).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Seed of the demo's own choices (routes' starting points, which OBU is tampered, which frames are replayed). Cryptographic randomness never comes from it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The clock of every component (the demo: <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The secure partitions' integrity scan period (the OEM-signed policy's <c>ScanPeriod</c>). Default 5 s.
    /// A detection period is this plus T_GenCamMax (1 s, EN 302 637-2 §6.1.3), the longest a CAM waits.
    /// </summary>
    public TimeSpan ScanPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The key store every OBU's secure partition keeps its keys in (a PKCS#11 token, each OBU under its own
    /// label prefix); null for one in-memory store per board. The demo does not own it.
    /// </summary>
    public IKeyStore? KeyStore { get; init; }

    /// <summary>Says where the keys are, for the output ("SoftHSM2 token v2x-bench" or "in memory").</summary>
    public string KeyStoreDescription { get; init; } = "in memory (no PKCS#11 token configured)";

    /// <summary>UDP port of the multicast radio (0: a free port chosen at start).</summary>
    public int RadioPort { get; init; }

    /// <summary>Live table refresh interval.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Redraw the live table in place (a terminal); otherwise print it as plain lines at each phase end.</summary>
    public bool InPlace { get; init; }

    /// <summary>
    /// Run the sharing-community hub (ITU-T X.1382, <c>Community/</c>) in the demo's process and give every OBU an
    /// upstream forwarder to it. Default true; the CLI's <c>--no-hub</c> turns it off.
    /// </summary>
    public bool Hub { get; init; } = true;

    /// <summary>
    /// Where the OBUs' secure partitions put the integrity report (Docs/formats.md §3.8): the facilities carrier by
    /// default, as in the field (a legacy stack decodes and verifies it, Docs/interop.md), or HeaderInfo.
    /// </summary>
    public V2x.Integrity.ReportCarrier Carrier { get; init; } = V2x.Integrity.ReportCarrier.Facilities;

    /// <summary>Record each OBU's drive into OUT/obu-N/recording (`--record`).</summary>
    public bool Record { get; init; }

    /// <summary>The live view's feed the run publishes to (Bench/Live; null: none). The demo does not own it.</summary>
    public Live.LiveFeed? Live { get; init; }

    /// <summary>The CLI's <c>--live PORT</c>: serve the live view on 127.0.0.1:PORT (0: a free port) while the run lasts; null: no live view.</summary>
    public int? LivePort { get; init; }

    /// <summary>The OBUs' upstream forwarding cycle interval (also their first backoff). Default 1 s; 100 ms to 1 min.</summary>
    public TimeSpan UpstreamInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Drive the bench from SUMO instead of the built-in routes (`--sumo FILE`, Bench/Mobility): vehicles join and leave
    /// with the simulation and its time is the clock. Null (the default): the demo with its built-in routes.
    /// </summary>
    public Bench.Mobility.SumoSettings? Sumo { get; init; }

    /// <summary>A reflection of one OBU's own frames back to it (a scenario file's <c>reflection</c>; Bench/Attacks); null: none.</summary>
    public Attacks.ReflectionPlan? Reflection { get; init; }

    /// <summary>
    /// This process's share of a scenario spread over several processes or hosts (`--part K/N`, <see cref="DemoPart"/>, run by
    /// <see cref="PartDemo"/>); null: the whole scenario in this process. Needs <see cref="RadioPort"/> and <see cref="SharedPki"/>.
    /// </summary>
    public DemoPart? Part { get; init; }

    /// <summary>With <see cref="Part"/>: the IPv4 address of the interface the multicast radio uses (`--radio-interface`). Default loopback.</summary>
    public System.Net.IPAddress RadioInterface { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>With <see cref="Part"/>: the folder of the PKI every part copies and serves to its own stations (`--pki DIR`; same root, EA and AA keys).</summary>
    public string? SharedPki { get; init; }

    /// <summary>The OBU tampered half-way (1 for obu-1; a scenario file's <c>target</c>); null: the seeded choice.</summary>
    public int? TamperedObu { get; init; }

    /// <summary>
    /// How the OBU is tampered half-way: a rogue process (the default, <c>Bench demo</c>'s) or its application image
    /// overwritten (a scenario file's <c>tampered-firmware</c>; its receivers must discard, not only mitigate).
    /// </summary>
    public Stations.TamperFault TamperFault { get; init; } = Stations.TamperFault.RogueProcess;

    /// <summary>
    /// The OBU whose posture turns critical half-way (1 for obu-1; a scenario file's <c>posture-critical</c> target); null: a
    /// seeded choice among the OBUs other than the tampered one. Set, it needs <see cref="TamperedObu"/> set to another OBU.
    /// </summary>
    public int? PostureObu { get; init; }

    /// <summary>
    /// The IDF implementation of each OBU (index 0 for obu-1; a scenario file's vehicle <c>idf</c>); null: every OBU runs
    /// <see cref="DemoPki.ObuIdf"/>. The audit CA assesses each model (<see cref="DemoPki.StartAsync"/>).
    /// </summary>
    public IReadOnlyList<PkiProtocol.Audit.IdfImplementation>? IdfModels { get; init; }

    /// <summary>A compromised IDF model and its model-wide revocation (a scenario file's <c>compromised-idf-model</c>); null: none.</summary>
    public ModelCompromisePlan? ModelCompromise { get; init; }

    /// <summary>How often an OBU's misbehaviour reporter sends its queue to the authority (ObuNodeOptions.MisbehaviourReportInterval).</summary>
    public static readonly TimeSpan MisbehaviourReportInterval = TimeSpan.FromSeconds(10);

    /// <summary>The OBUs' CRL refresh period: a third of the run (two refreshes inside it).</summary>
    public TimeSpan CrlRefreshPeriod => Duration / 3;

    /// <summary>
    /// The latest the model's revocation reaches the receivers after its exploit: the detection period (the exploited
    /// partitions' next scan and a CAM carrying the raised level, which queues the own-anomaly report), the report interval
    /// (the queue is sent), then a CRL refresh period (each receiver's next refresh) and one CAM interval (the model's next CAM).
    /// </summary>
    public TimeSpan ModelRevokedWithin => DetectionPeriod + MisbehaviourReportInterval + CrlRefreshPeriod + TimeSpan.FromSeconds(1);

    /// <summary>The OBU of <paramref name="index"/> (0 for obu-1): its IDF implementation.</summary>
    public PkiProtocol.Audit.IdfImplementation IdfOf(int index) => IdfModels is { } models ? models[index] : DemoPki.ObuIdf;

    /// <summary>A detection period: the scan period plus T_GenCamMax (EN 302 637-2 §6.1.3: at most 1 s between CAMs).</summary>
    public TimeSpan DetectionPeriod => ScanPeriod + TimeSpan.FromSeconds(1);

    /// <summary>Between two stations' EEBL triggers of one phase (OBU i triggers at i times this; the legacy station after the OBUs).</summary>
    public static readonly TimeSpan EeblStagger = TimeSpan.FromMilliseconds(150);

    /// <summary>What the last EEBL DENM of the run is given to reach every receiver before the run ends.</summary>
    public static readonly TimeSpan EeblDeliveryMargin = TimeSpan.FromMilliseconds(500);

    /// <summary>The first clean-phase EEBL trigger, from the start: at 40 % of the phase.</summary>
    public TimeSpan CleanEeblAfter => Duration / 2 * 0.4;

    /// <summary>The first tampered-phase EEBL trigger, from the tamper: one detection period and half a second.</summary>
    public TimeSpan TamperedEeblAfter => DetectionPeriod + TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The shortest run whose schedule fits: the tampered phase (half the run) holds the detection period, the
    /// staggered EEBL triggers of every OBU and the legacy station, and the last DENM's delivery margin.
    /// </summary>
    public TimeSpan ShortestDuration => (TamperedEeblAfter + (EeblStagger * ObuCount) + EeblDeliveryMargin) * 2;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory);
        ArgumentNullException.ThrowIfNull(Clock);
        if (ObuCount is < 4 or > 12)
        {
            throw new ArgumentException("The demo runs 4 to 12 OBUs.", nameof(ObuCount));
        }

        if (ScanPeriod < TimeSpan.FromMilliseconds(500) || ScanPeriod > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("The scan period is 0.5 s to 1 min.", nameof(ScanPeriod));
        }

        if (Duration < ScanPeriod * 4 || Duration > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"The duration is at least 4 scan periods ({(ScanPeriod * 4).TotalSeconds} s) and at most an hour.", nameof(Duration));
        }

        // The demo's own schedule: the tampered phase's EEBLs (the last one the legacy station's) must be sent and
        // received before the run ends, and the clean phase's before the tamper.
        if (Duration < ShortestDuration || CleanEeblAfter + (EeblStagger * ObuCount) + EeblDeliveryMargin > Duration / 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"With a {ScanPeriod.TotalSeconds} s scan period and {ObuCount} OBUs the demo's schedule needs at least {ShortestDuration.TotalSeconds} s: each phase holds a detection period, every station's EEBL and its delivery."), nameof(Duration));
        }

        if (TamperedObu is { } target && (target < 1 || target > ObuCount))
        {
            throw new ArgumentException($"The tampered OBU is obu-1 to obu-{ObuCount}.", nameof(TamperedObu));
        }

        // The posture phase's OBU is another than the tampered one (each phase's mitigation is told apart by its sender); with
        // a seeded tamper target it could be the same one, so a chosen posture OBU needs a chosen tampered OBU.
        if (PostureObu is { } critical && (critical < 1 || critical > ObuCount || TamperedObu is not { } tampered || tampered == critical))
        {
            throw new ArgumentException($"The OBU whose posture turns critical is obu-1 to obu-{ObuCount}, with a chosen tampered OBU, and not the tampered one.", nameof(PostureObu));
        }

        Sumo?.Validate();
        if (Reflection is { } reflection && (reflection.Victim < 1 || reflection.Victim > ObuCount || reflection.Until > Duration
                || reflection.At >= (reflection.Until ?? Duration - TimeSpan.FromSeconds(1))))
        {
            throw new ArgumentException("The reflection's victim is one of the OBUs, and it starts before it ends (by default 1 s before the run's end).", nameof(Reflection));
        }
        if (!Enum.IsDefined(Carrier))
        {
            throw new ArgumentException("The report carrier is facilities or headerinfo.", nameof(Carrier));
        }

        if (LivePort is < 0 or > 65535)
        {
            throw new ArgumentException("The live view's port is 0 (pick one) or 1..65535.", nameof(LivePort));
        }

        if (RadioPort is < 0 or > 65535)
        {
            throw new ArgumentException("The radio port is 0 (pick one) or 1..65535.", nameof(RadioPort));
        }

        ValidatePart();
        ValidateModels();
        if (UpstreamInterval < TimeSpan.FromMilliseconds(100) || UpstreamInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("The upstream interval is 100 ms to 1 min.", nameof(UpstreamInterval));
        }

        if (RefreshInterval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentException("The refresh interval is at least 100 ms.", nameof(RefreshInterval));
        }
    }

    // The models: one per OBU; a compromise exploits OBUs of its model early enough that the revocation is carried out before
    // the last CRL refresh of the run (two thirds of it), and leaves OBUs of another model to reject the model's stations.
    private void ValidateModels()
    {
        if ((IdfModels is not null || ModelCompromise is not null) && (Part is not null || Sumo is not null))
        {
            throw new ArgumentException("IDF models and a compromised model go with the built-in route in one process (not with --part or --sumo): the model-wide revocation needs the one misbehaviour authority every OBU reports to.",
                nameof(ModelCompromise));
        }

        if (IdfModels is { } models && models.Count != ObuCount)
        {
            throw new ArgumentException($"One IDF model per OBU: {ObuCount} OBUs, {models.Count} models.", nameof(IdfModels));
        }

        if (ModelCompromise is not { } m)
        {
            return;
        }

        if (m.Exploited.Count == 0 || m.Exploited.Distinct().Count() != m.Exploited.Count || m.Exploited.Any(i => i < 1 || i > ObuCount || IdfOf(i - 1) != m.Model))
        {
            throw new ArgumentException($"The compromise is exploited on distinct OBUs (obu-1 to obu-{ObuCount}) that run {m.Model}.", nameof(ModelCompromise));
        }

        if (Enumerable.Range(0, ObuCount).All(i => IdfOf(i) == m.Model))
        {
            throw new ArgumentException($"Every OBU runs {m.Model}: no OBU of another model is left to reject its stations.", nameof(ModelCompromise));
        }

        // The demo's other attacks stay on OBUs of other models: the whole model is revoked, which would hide their own checks.
        if (TamperedObu is not { } tampered || IdfOf(tampered - 1) == m.Model || PostureObu is not { } critical || IdfOf(critical - 1) == m.Model
            || (Reflection is { } r && IdfOf(r.Victim - 1) == m.Model))
        {
            throw new ArgumentException($"With a compromised model the tamper, the posture phase and a reflection are each on a chosen OBU of another model than {m.Model} (all of its stations are revoked).",
                nameof(ModelCompromise));
        }

        var latest = (Duration / 3 * 2) - DetectionPeriod - MisbehaviourReportInterval - TimeSpan.FromSeconds(1);
        if (m.At > latest)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The model is exploited at the latest at {Math.Max(0, latest.TotalSeconds)} s of a {Duration.TotalSeconds} s run: its revocation (a detection period, {DetectionPeriod.TotalSeconds} s, and the report interval, {MisbehaviourReportInterval.TotalSeconds} s, later) must come before the run's last CRL refresh, at two thirds of it ({(Duration / 3 * 2).TotalSeconds} s)"),
                nameof(ModelCompromise));
        }
    }

    private void ValidatePart()
    {
        if (Part is null)
        {
            if (SharedPki is not null || !RadioInterface.Equals(System.Net.IPAddress.Loopback))
            {
                throw new ArgumentException("--pki and --radio-interface go with --part.", nameof(Part));
            }

            return;
        }

        if (RadioPort is 0 or 65535)
        {
            throw new ArgumentException("--part needs --radio-port (1..65534, the same in every part; the parts' rosters use the port after it).", nameof(RadioPort));
        }

        if (SharedPki is null)
        {
            throw new ArgumentException("--part needs --pki DIR: the PKI folder every part copies (the same root, EA and AA), made once with 'Pki init'.", nameof(SharedPki));
        }

        if (Sumo is not null || LivePort is not null || Live is not null)
        {
            throw new ArgumentException("--part runs the built-in routes without the live view (--sumo and --live are not offered with it).", nameof(Part));
        }

        if (RadioInterface.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException("--radio-interface is the interface's IPv4 address.", nameof(RadioInterface));
        }
    }
}
