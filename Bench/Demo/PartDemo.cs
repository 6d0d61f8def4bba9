using System.Globalization;
using System.Net;
using Bench.Hub;
using Bench.Reporting;
using Bench.Stations;
using Bench.Tls;
using Hardware.Radio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Security.Crypto;

namespace Bench.Demo;

/// <summary>
/// One part of the bench demo's scenario spread over several processes or hosts that share the radio medium (issue 15
/// item 3, <c>demo --part K/N</c>): the same scenario as <see cref="BenchDemo"/> — its seeded routes, its tampered OBU,
/// its schedule — of which this process runs its <see cref="DemoPart"/>'s OBUs (and the replay attacker in part 1, the
/// legacy station in the last part) on the UDP multicast radio of a given interface. Every part serves a copy of one
/// PKI (<see cref="DemoOptions.SharedPki"/>: one root, EA and AA) to its own stations; the parts find each other and
/// agree on the start through <see cref="PartRoster"/>; each part's receivers decide on every sender they hear, the
/// other parts' included, and its summary checks the demo's expectations for them plus one of its own: every receiver
/// of this part decided on every station of the other parts.
/// </summary>
public sealed partial class PartDemo
{
    /// <summary>How long a part waits for the other parts to be up (their PKI copies served, their OBUs enrolled).</summary>
    public static readonly TimeSpan AgreementTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The demo's phases a part does not run (issue 14, Build 8), each with why; printed at the start and in the part's summary
    /// (<see cref="Reporting.DemoSummary.NotRun"/>) rather than left out silently.
    /// </summary>
    public static readonly IReadOnlyList<string> NotRunInParts =
    [
        "the ghost vehicle (reported, revoked, then rejected as Revoked): its revocation needs the one misbehaviour authority every receiver reports to and takes CRLs from, and each part serves its own copy of the PKI; run `Bench demo` without --part",
        "the posture turning critical: it needs the posture server's advisory at the tamper instant and its time in every part's summary, which the parts' rosters do not carry; run `Bench demo` without --part",
    ];

    // From every part ready to the common start: part 1's start reaches the others within two roster periods.
    private static readonly TimeSpan StartLead = TimeSpan.FromSeconds(2);

    private readonly DemoOptions _options;
    private readonly DemoPart _part;
    private readonly TextWriter _output;
    private readonly ILoggerFactory _loggers;

    /// <summary>A part of the demo with <paramref name="options"/> (whose <see cref="DemoOptions.Part"/> is set), printing to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, no part, or an output folder that is not empty.</exception>
    public PartDemo(DemoOptions options, TextWriter output, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        _part = options.Part ?? throw new ArgumentException("A part of the demo needs DemoOptions.Part (--part K/N).", nameof(options));
        if (Directory.Exists(options.OutputDirectory) && Directory.EnumerateFileSystemEntries(options.OutputDirectory).Any())
        {
            throw new ArgumentException($"The output folder {options.OutputDirectory} is not empty.", nameof(options));
        }

        _options = options;
        _output = output;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>What every part of one scenario must agree on (a roster of another scenario on the same port is refused).</summary>
    internal static string Scenario(DemoOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"seed {o.Seed}, {o.ObuCount} OBUs, {o.Duration.TotalSeconds:0.###} s, scan {o.ScanPeriod.TotalSeconds:0.###} s, carrier {o.Carrier}");

    /// <summary>Runs this part to its end and returns its summary (also written to the output folder).</summary>
    /// <exception cref="TimeoutException">The other parts were not heard within <see cref="AgreementTimeout"/>.</exception>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var o = _options;
        var clock = o.Clock;
        Directory.CreateDirectory(o.OutputDirectory);
        var group = IPAddress.Parse("239.255.47.1");
        var port = o.RadioPort;
        var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8];
        var plan = ScenarioPlan.Draw(o);
        var mine = _part.Obus(o.ObuCount);
        var tamperedLocal = mine.Contains(plan.Tampered);
        await Say($"bench demo part {_part}: {string.Join(", ", mine.Select(i => plan.Names[i]))}{(_part.RunsLegacy ? ", legacy-1" : "")}{(_part.RunsAttacker ? ", the replay attacker" : "")} of {o.ObuCount} OBUs, 1 legacy station, 1 replay attacker; {o.Duration.TotalSeconds:0} s; seed {o.Seed}; output {o.OutputDirectory}").ConfigureAwait(false);
        foreach (var phase in NotRunInParts)
        {
            await Say($"not run: {phase}").ConfigureAwait(false);
        }

        using var tls = DemoTls.Create(o.OutputDirectory);
        await using var pki = await DemoPki.StartAsync(Path.Combine(o.OutputDirectory, "pki"), clock, tls, cancellationToken, o.SharedPki).ConfigureAwait(false);
        await Say($"pki: a copy of {o.SharedPki} (root {pki.Root.HashedId8}) in {pki.Folder}, serving this part's stations at {pki.Address}").ConfigureAwait(false);

        // The hub runs in the part that holds the tampered OBU: the clean OBUs of the other parts have nothing to share.
        await using var hub = o.Hub && tamperedLocal ? await DemoHub.StartAsync(Path.Combine(o.OutputDirectory, "hub"), clock, pki, cancellationToken).ConfigureAwait(false) : null;
        using var oemKey = EcdsaP256SignatureKey.Generate();
        using var ledger = new DecisionLedger(new BufferedStream(File.Create(Path.Combine(o.OutputDirectory, "decisions.jsonl")), 1 << 16));
        var stations = new DemoStations(ledger);
        await using (stations.ConfigureAwait(false))
        {
            foreach (var i in mine)
            {
                var name = plan.Names[i];
                stations.Add(await BenchObu.CreateAsync(new BenchObuSettings
                {
                    Name = name,
                    Folder = Path.Combine(o.OutputDirectory, name),
                    Clock = clock,
                    Route = BenchDemo.Route(clock, plan.Routes[i]),
                    OemKey = oemKey,
                    Pki = pki,
                    KeyStore = o.KeyStore,
                    LabelPrefix = $"bench-{runId}-",
                    ScanPeriod = o.ScanPeriod,
                    CrlRefreshPeriod = o.Duration / 3,
                    Radio = new UdpMulticastRadioLink(DemoStations.Radio(group, port, clock, o.RadioInterface)),
                    RadioPort = port,
                    Hub = hub,
                    UpstreamInterval = o.UpstreamInterval,
                    Carrier = o.Carrier,
                    Loggers = _loggers,
                    Record = o.Record,
                }, cancellationToken).ConfigureAwait(false));
            }

            if (_part.RunsLegacy)
            {
                await stations.AddLegacyAsync(pki, group, port, clock, BenchDemo.Route(clock, plan.Routes[^1]), o.OutputDirectory, cancellationToken, o.RadioInterface).ConfigureAwait(false);
            }

            if (_part.RunsAttacker)
            {
                stations.AddAttacker(group, port, clock, o.Seed, o.OutputDirectory, o.RadioInterface);
            }

            var roster = new PartRoster(group, port + 1, o.RadioInterface, _part, Scenario(o), OwnStations(stations), clock);
            await using (roster.ConfigureAwait(false))
            {
                return await RunPartAsync(plan, stations, ledger, roster, pki, hub, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static List<PartRoster.Station> OwnStations(DemoStations stations)
    {
        var own = stations.Obus.Select(b => new PartRoster.Station(b.RadioSource, b.Name, SenderKind.Obu)).ToList();
        if (stations.Legacy is not null)
        {
            own.Add(new PartRoster.Station(stations.LegacySource!, stations.Legacy.Name, SenderKind.Legacy));
        }

        if (stations.Attacker is not null)
        {
            own.Add(new PartRoster.Station(stations.AttackerSources.Exact, "attacker", SenderKind.ExactReplay));
            own.Add(new PartRoster.Station(stations.AttackerSources.Altered, "attacker", SenderKind.AlteredReplay));
        }

        return own;
    }

    private Task Say(string line) => _output.WriteLineAsync(line);
}
