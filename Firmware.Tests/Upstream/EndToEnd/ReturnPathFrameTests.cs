using System.Text.Json.Nodes;
using Cti.Stix;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Testing;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// A page of indicators whose rules encode to more than one protocol frame (64 indicators of 16
/// long process names, about 70 KB against the 64 KiB limit) is deployed in several updates, each
/// within the frame limit (what the bounded rule set cannot hold is refused and counted), and the
/// node's connection keeps serving augment-and-sign (before the fix the partition answered
/// Oversized, closed the connection and the OBU stopped signing).
/// </summary>
public sealed class ReturnPathFrameTests : IDisposable
{
    private static readonly DetectionPolicy Policy = DefaultPolicies.SimulatedObu() with { ReportUnexpectedProcesses = false };

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-frame");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int> Rows => new()
    {
        // name, rules per indicator (names of 63 bytes)
        { "a page within one frame", 1 },
        { "a page larger than one frame", IndicatorRuleCodec.MaxRulesPerEntry },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_page_is_deployed_in_updates_that_fit_a_frame_and_the_connection_keeps_signing(string name, int rulesPerIndicator)
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, bench.Time);
        using var http = new HttpClient();
        var options = ForwarderChild.Options(Path.Combine(_dir, "queue.db"), hub.AnomaliesCollection) with
        {
            IndicatorCollectionId = hub.IndicatorsCollection,
            TrustedIndicatorProducers = [hub.CertIdentity],
        };
        await using var forwarder = UpstreamForwarder.ForPartition(options, client, hub.ObuClient(http, bench.Time), null, bench.Time, SystemRandomSource.Instance);
        var total = IndicatorRuleCodec.MaxEntries;
        var published = bench.Time.GetUtcNow();
        var indicators = Enumerable.Range(1, total).Select(n => Indicator(hub, n, published, rulesPerIndicator)).ToList();
        Assert.Equal(total, (await hub.CertClient(http, bench.Time).AddObjectsAsync(hub.IndicatorsCollection, indicators)).SuccessCount);
        bench.Time.Advance(TimeSpan.FromMinutes(1));

        var cycle = await forwarder.RunCycleAsync();

        // The rule set holds at most IndicatorRuleSet.MaxEncodedBytes: what fits is deployed, the rest refused
        // and counted; nothing is an error, and the cursor moves on (the page is not repeated).
        Assert.Empty(cycle.Errors);
        Assert.Equal((total, total), (cycle.Indicators!.Read, cycle.Indicators.Deployed + cycle.Indicators.Refused));
        Assert.True(cycle.Indicators.Deployed >= 1, name);
        var (_, entries) = await client.ListIndicatorRulesAsync();
        Assert.Equal(cycle.Indicators.Deployed, entries.Count);
        Assert.All(entries, e => Assert.Equal(rulesPerIndicator, e.Rules.Count));
        Assert.NotNull(forwarder.Status.Queue.IndicatorCursor);
        Assert.Equal(cycle.Indicators.Deployed, forwarder.Status.Queue.Count(QueueCounters.IndicatorsDeployed));
        Assert.False(client.IsBroken, name);
        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
        Assert.NotEmpty(signed.Spdu);
    }

    private static JsonObject Indicator(UpstreamHub hub, int n, DateTimeOffset at, int rules) => new()
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = $"indicator--{n:x8}-f4a3-4000-8000-{n:x12}",
        ["created"] = StixTimestamp.Format(at),
        ["modified"] = StixTimestamp.Format(at),
        ["created_by_ref"] = hub.CertIdentity,
        ["name"] = $"Rogue process family {n}",
        ["indicator_types"] = new JsonArray("malicious-activity"),
        ["pattern"] = string.Join(" OR ", Enumerable.Range(1, rules).Select(r => $"[process:name = '{$"rogue-{n:D3}-{r:D2}-".PadRight(63, 'x')}']")),
        ["pattern_type"] = "stix",
        ["valid_from"] = StixTimestamp.Format(at),
        ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(TlpLevel.Green)),
    };
}
