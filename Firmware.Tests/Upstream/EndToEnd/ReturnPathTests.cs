using System.Text.Json.Nodes;
using Cti.Stix;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Testing;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// The return path end to end (ITU-T X.1382 §9.3.1.4 c), on SQLite and on PostgreSQL: the CERT
/// publishes an indicator for a malicious image hash and a process name at the hub; the OBU's
/// forwarder pulls it, deploys it into the secure partition through the protocol, and the IDF flags
/// the board at the next scan; an indicator whose pattern cannot be checked exactly is skipped and
/// counted, with nothing of it deployed; the CERT revokes the indicator, the next poll removes the
/// rules and the next scan carries no indicator finding.
/// </summary>
public sealed class ReturnPathTests : IDisposable
{
    // The baseline does not report unexpected processes, so only the deployed rule can flag the rogue one.
    private static readonly DetectionPolicy Policy = DefaultPolicies.SimulatedObu() with { ReportUnexpectedProcesses = false };

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-return");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<HubBackend> Backends => new(HubBackend.Sqlite, HubBackend.Postgres);

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_published_indicator_flags_the_board_at_the_next_scan_and_its_revocation_removes_the_rules(HubBackend backend)
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await using var hub = await UpstreamHub.StartAsync(backend, bench.Time);
        using var http = new HttpClient();
        var options = ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection) with
        {
            IndicatorCollectionId = hub.IndicatorsCollection,
            TrustedIndicatorProducers = [hub.CertIdentity],
            IndicatorPollInterval = TimeSpan.FromMinutes(5),
        };
        await using var forwarder = UpstreamForwarder.ForPartition(options, client, hub.ObuClient(http, bench.Time), null, bench.Time, SystemRandomSource.Instance);

        // The board runs the image the CERT knows to be malicious, and the process it drops.
        var imageHash = Convert.ToHexStringLower(partition.Idf.Boot.Stages.Single(s => s.Label == "app").Sha256);
        bench.Board.StartRogueProcess("miner", uid: 1000, user: "v2x");
        Assert.Equal(IntegrityLevel.NoAnomaly, (await ScanAsync(client)).Level);

        var cert = hub.CertClient(http, bench.Time);
        var published = bench.Time.GetUtcNow();
        var indicator = Indicator(hub, 1, published, $"[file:hashes.'SHA-256' = '{imageHash}'] OR [process:name = 'miner']");
        var conjunction = Indicator(hub, 2, published, $"[file:hashes.'SHA-256' = '{imageHash}' AND file:name = 'app']");
        var status = await cert.AddObjectsAsync(hub.IndicatorsCollection, [indicator, conjunction]);
        Assert.Equal(2, status.SuccessCount);

        bench.Time.Advance(TimeSpan.FromMinutes(1));
        var pulled = await forwarder.RunCycleAsync();
        Assert.Empty(pulled.Errors);
        Assert.Equal((1, 1, 0), (pulled.Indicators!.Deployed, pulled.Indicators.Unsupported, pulled.Indicators.Removed));
        var (_, entries) = await client.ListIndicatorRulesAsync();
        Assert.Equal([StixId.Parse((string)indicator["id"]!).Uuid], entries.Select(e => e.IndicatorId));
        Assert.NotNull(forwarder.Status.Queue.IndicatorCursor);

        var flagged = await ScanAsync(client);
        Assert.Equal(IntegrityLevel.Compromised, flagged.Level);
        var rules = flagged.Results.SelectMany(r => r.Evidence).Where(e => e.Rule.StartsWith("indicator.", StringComparison.Ordinal)).ToList();
        Assert.Equal([IndicatorMatcher.ImageHashRule, IndicatorMatcher.ProcessRule], rules.Select(e => e.Rule).Order(StringComparer.Ordinal));
        Assert.Contains(rules, e => e.Subject.EndsWith(imageHash, StringComparison.Ordinal));
        Assert.Contains(rules, e => e.Subject == "miner");

        // Revoked (STIX 2.1 §3.6): a new version; the next poll removes the rules, the next scan has no indicator finding.
        var revoked = indicator.DeepClone().AsObject();
        revoked["modified"] = StixTimestamp.Format(bench.Time.GetUtcNow());
        revoked["revoked"] = true;
        Assert.Equal(1, (await cert.AddObjectsAsync(hub.IndicatorsCollection, [revoked])).SuccessCount);
        bench.Time.Advance(options.IndicatorPollInterval);
        var pulledAgain = await forwarder.RunCycleAsync();
        Assert.Empty(pulledAgain.Errors);
        Assert.Equal((0, 1), (pulledAgain.Indicators!.Deployed, pulledAgain.Indicators.Removed));
        Assert.Empty((await client.ListIndicatorRulesAsync()).Entries);
        var clean = await ScanAsync(client);
        Assert.DoesNotContain(clean.Results.SelectMany(r => r.Evidence), e => e.Rule.StartsWith("indicator.", StringComparison.Ordinal));

        var counters = forwarder.Status.Queue;
        Assert.Equal((1, 1, 1), (counters.Count(QueueCounters.IndicatorsDeployed), counters.Count(QueueCounters.IndicatorsRemoved), counters.Count(QueueCounters.IndicatorsUnsupported)));
    }

    [Fact]
    public async Task More_indicators_than_the_partition_holds_are_deployed_up_to_its_bound_and_the_rest_counted()
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, bench.Time);
        using var http = new HttpClient();
        var options = ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection) with
        {
            IndicatorCollectionId = hub.IndicatorsCollection,
            TrustedIndicatorProducers = [hub.CertIdentity],
        };
        await using var forwarder = UpstreamForwarder.ForPartition(options, client, hub.ObuClient(http, bench.Time), null, bench.Time, SystemRandomSource.Instance);
        var total = IndicatorRuleSet.MaxIndicators + 6;
        var published = bench.Time.GetUtcNow();
        var indicators = Enumerable.Range(1, total).Select(n => Indicator(hub, n, published, $"[process:name = 'rogue-{n}']")).ToList();
        Assert.Equal(total, (await hub.CertClient(http, bench.Time).AddObjectsAsync(hub.IndicatorsCollection, indicators)).SuccessCount);
        bench.Time.Advance(TimeSpan.FromMinutes(1));

        var cycle = await forwarder.RunCycleAsync();

        Assert.Empty(cycle.Errors);
        Assert.Equal((total, IndicatorRuleSet.MaxIndicators, 6), (cycle.Indicators!.Read, cycle.Indicators.Deployed, cycle.Indicators.Refused));
        Assert.Equal(IndicatorRuleSet.MaxIndicators, (await client.ListIndicatorRulesAsync()).Entries.Count);
        Assert.Equal(6, forwarder.Status.Queue.Count(QueueCounters.IndicatorsRefused));
        bench.Board.StartRogueProcess("rogue-1", uid: 1000, user: "v2x");
        Assert.Equal(IntegrityLevel.HighAnomaly, (await ScanAsync(client)).Level);
    }

    private static JsonObject Indicator(UpstreamHub hub, int n, DateTimeOffset at, string pattern) => new()
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = $"indicator--{n:x8}-7e57-4000-8000-{n:x12}",
        ["created"] = StixTimestamp.Format(at),
        ["modified"] = StixTimestamp.Format(at),
        ["created_by_ref"] = hub.CertIdentity,
        ["name"] = $"Known malicious OBU image {n}",
        ["indicator_types"] = new JsonArray("malicious-activity"),
        ["pattern"] = pattern,
        ["pattern_type"] = "stix",
        ["valid_from"] = StixTimestamp.Format(at),
        ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(TlpLevel.Green)),
    };

    private static async Task<DetailedReport> ScanAsync(SecurePartitionClient client)
    {
        await client.TriggerCheckAsync(TriggerKind.Requested, "return path test");
        return (await client.GetReportAsync(detailed: true)).Detailed!;
    }
}
