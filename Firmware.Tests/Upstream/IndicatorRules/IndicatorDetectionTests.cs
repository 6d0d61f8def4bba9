using System.Net;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Simulated;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.IndicatorRules;

/// <summary>
/// Indicator deny rules in the IDF on the simulated board, deployed through the partition's protocol
/// (update-indicator-rules): each kind flags what it names at the next scan under its detector class,
/// and nothing else; rules only ever raise levels; the operation refuses bad bodies and oversized
/// sets with nothing changed; the rules persist across a restart and every change leaves a note in
/// the black box.
/// </summary>
public sealed class IndicatorDetectionTests
{
    // The baseline does not report unexpected processes, and allows the peer used below, so only the rules can flag them.
    private static readonly DetectionPolicy Policy = DefaultPolicies.SimulatedObu() with { ReportUnexpectedProcesses = false };

    private static readonly IPEndPoint MaliciousPeer = new(IPAddress.Parse("198.51.100.66"), 443);

    private sealed record Row(Action<SimulatedBoard> Board, Func<SecurePartitionService, IndicatorRule> Rule, DetectorFlags Detector, IntegrityLevel Level, string? Evidence, int StartsInDays = 0);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["image hash of the running app"] = new(_ => { }, p => IndicatorRule.ImageHash(p.Idf.Boot.Stages.Single(s => s.Label == "app").Sha256),
            DetectorFlags.IntegrityCheck, IntegrityLevel.Compromised, IndicatorMatcher.ImageHashRule),
        ["hash of another image"] = new(_ => { }, _ => IndicatorRule.ImageHash(new byte[32]), DetectorFlags.IntegrityCheck, IntegrityLevel.NoAnomaly, null),
        ["name of a running process"] = new(b => b.StartRogueProcess("miner", uid: 1000, user: "v2x"), _ => IndicatorRule.ProcessName("miner"),
            DetectorFlags.Process, IntegrityLevel.HighAnomaly, IndicatorMatcher.ProcessRule),
        ["name of no running process"] = new(_ => { }, _ => IndicatorRule.ProcessName("miner"), DetectorFlags.Process, IntegrityLevel.NoAnomaly, null),
        ["peer inside the block, on the port"] = new(b => b.AddPeer(MaliciousPeer), _ => IndicatorRule.Peer(IPAddress.Parse("198.51.100.64"), 26, 443),
            DetectorFlags.Network, IntegrityLevel.HighAnomaly, IndicatorMatcher.PeerRule),
        ["peer inside the block, another port"] = new(b => b.AddPeer(MaliciousPeer), _ => IndicatorRule.Peer(IPAddress.Parse("198.51.100.64"), 26, 80),
            DetectorFlags.Network, IntegrityLevel.NoAnomaly, null),
        ["installed software version"] = new(b => b.InstallApplication("navigator", "2.0.1"), _ => IndicatorRule.Software("navigator", "2.0.1"),
            DetectorFlags.IntegrityCheck, IntegrityLevel.HighAnomaly, IndicatorMatcher.SoftwareRule),
        ["another software version installed"] = new(b => b.InstallApplication("navigator", "2.0.2"), _ => IndicatorRule.Software("navigator", "2.0.1"),
            DetectorFlags.IntegrityCheck, IntegrityLevel.NoAnomaly, null),
        ["a rule valid from tomorrow"] = new(b => b.StartRogueProcess("miner", uid: 1000, user: "v2x"), _ => IndicatorRule.ProcessName("miner"),
            DetectorFlags.Process, IntegrityLevel.NoAnomaly, null, StartsInDays: 1),
    };

    public static TheoryData<string> Names => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_deployed_rule_flags_what_it_names_at_the_next_scan(string name)
    {
        var row = Rows[name];
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        row.Board(bench.Board);
        var before = await ScanAsync(client);
        Assert.Equal(IntegrityLevel.NoAnomaly, before.Level);

        var now = bench.Time.GetUtcNow();
        var entry = new IndicatorEntry(Guid.NewGuid(), now, now.AddDays(row.StartsInDays), now.AddDays(30), [row.Rule(partition)]);
        var state = await client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([entry], []));
        Assert.Equal(new IndicatorRuleSetState(1, 1, 1, 0), state);

        var after = await ScanAsync(client);
        var result = after.Results.Single(r => r.Detector == row.Detector);
        Assert.True(row.Level == result.Level, $"{name}: {result.Level}");
        var indicatorEvidence = after.Results.SelectMany(r => r.Evidence).Where(e => e.Rule.StartsWith("indicator.", StringComparison.Ordinal)).ToList();
        if (row.Evidence is null)
        {
            Assert.Empty(indicatorEvidence);
            Assert.Equal(IntegrityLevel.NoAnomaly, after.Level);
        }
        else
        {
            var e = Assert.Single(indicatorEvidence);
            Assert.Equal(row.Evidence, e.Rule);
            Assert.Contains(entry.StixId, e.Detail, StringComparison.Ordinal);
            Assert.Equal(row.Detector, after.Detectors);
        }
    }

    [Fact]
    public async Task Rules_only_ever_raise_levels_on_a_board_with_anomalies()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        bench.Board.StartRogueProcess("miner");
        bench.Board.KillProcess("gnssd");
        bench.Board.AddPeer(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 4444));
        var before = await ScanAsync(client);
        var now = bench.Time.GetUtcNow();
        IndicatorRule[] rules =
        [
            IndicatorRule.ProcessName("miner"), IndicatorRule.ProcessName("gnssd"), IndicatorRule.Peer(IPAddress.Parse("203.0.113.0"), 24),
            IndicatorRule.ImageHash(new byte[32]), IndicatorRule.Software("app", SimulatedBoard.ReferenceVersion),
        ];
        await client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([new IndicatorEntry(Guid.NewGuid(), now, now, null, rules)], []));
        var after = await ScanAsync(client);
        foreach (var detector in Detectors.InOrder)
        {
            var b = before.Results.Single(r => r.Detector == detector);
            var a = after.Results.Single(r => r.Detector == detector);
            Assert.True(a.Level >= b.Level, $"{detector}: {b.Level} -> {a.Level}");
            Assert.All(b.Evidence.Where(e => e.Level >= IntegrityLevel.Anomaly), e => Assert.Contains(a.Evidence, x => x.Rule == e.Rule && x.Subject == e.Subject));
        }

        Assert.True(after.Level >= before.Level);
        Assert.Equal(before.Detectors, before.Detectors & after.Detectors);
    }

    [Fact]
    public async Task Rules_persist_across_a_restart_and_each_change_leaves_a_black_box_note()
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        var now = bench.Time.GetUtcNow();
        var entry = new IndicatorEntry(Guid.NewGuid(), now, now, null, [IndicatorRule.ProcessName("miner")]);
        partition.UpdateIndicatorRules(new IndicatorRuleUpdate([entry], []));
        var note = partition.BlackBox.ReadSince(0, 100).Last();
        Assert.Equal(BlackBoxEntry.NoteKind, note.Kind);
        Assert.StartsWith("indicator rules revision 1:", System.Text.Encoding.UTF8.GetString(note.Payload), StringComparison.Ordinal);

        bench.Restart();
        partition = bench.StartPartition();
        Assert.Equal(1u, partition.Idf.Indicators.Revision);
        bench.Board.StartRogueProcess("miner", uid: 1000, user: "v2x");
        Assert.Equal(IntegrityLevel.HighAnomaly, partition.TriggerCheck(TriggerKind.Requested, "").Level);
    }

    [Fact]
    public async Task Reports_after_many_notes_are_still_read_in_one_request()
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        var last = (await client.ReadReportsAsync(0, 64)).Last().Sequence;
        for (var i = 0; i < 40; i++)
        {
            var now = bench.Time.GetUtcNow();
            await client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([new IndicatorEntry(Guid.NewGuid(), now, now, null, [IndicatorRule.ProcessName("p" + i)])], []));
        }

        await client.TriggerCheckAsync(TriggerKind.Requested, "after the notes");
        var read = await client.ReadReportsAsync(last, 1);
        Assert.Equal(TriggerKind.Requested, Assert.Single(read).Report.Trigger);
        Assert.True(read[0].Sequence > last + 40);
    }

    [Fact]
    public async Task An_update_over_the_bounds_is_refused_on_an_open_connection_with_nothing_changed()
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        var now = bench.Time.GetUtcNow();
        var first = new IndicatorEntry(Guid.NewGuid(), now, now, null, [IndicatorRule.ProcessName("miner")]);
        await client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([first], []));
        var tooMany = Enumerable.Range(0, 17).Select(i => new IndicatorEntry(Guid.NewGuid(), now, now, null,
            Enumerable.Range(0, 16).Select(j => IndicatorRule.ProcessName($"p{i}-{j}")).ToList())).ToList();

        var e = await Assert.ThrowsAsync<PartitionException>(() => client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate(tooMany, [])));
        Assert.Equal(PartitionError.NotPermitted, e.Error);
        var (revision, entries) = await client.ListIndicatorRulesAsync();
        Assert.Equal(1u, revision);
        Assert.Equal([first.StixId], entries.Select(x => x.StixId));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "empty body", "" },
        { "format 7", "07" + "0000" + "0000" },
        { "a rule of unknown kind", "01" + "0001" + "2f1c1a7e000040008000000000000001" + "00064beb26c36000" + "00064beb26c36000" + "00" + "0001" + "09" + "0000" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_update_is_answered_with_an_error_and_changes_nothing(string name, string hex)
    {
        using var bench = TestBench.Create(Policy);
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        var stream = channel.Connect();
        await stream.WriteAsync(new Frame((byte)MessageType.UpdateIndicatorRules, 7, Convert.FromHexString(hex)).Encode());
        var answer = await Frame.ReadAsync(stream, 4096, CancellationToken.None);
        Assert.True(answer is { Type: (byte)MessageType.Error, RequestId: 7 }, name);
        Assert.Equal((ushort)PartitionError.Malformed, new ByteReader(answer!.Body, "Error").U16("code"));
        // The server answers a malformed body and then closes the connection (ProtocolServer): a clean end of stream.
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Null(await Frame.ReadAsync(stream, 4096, bounded.Token));
        Assert.Equal(0u, partition.Idf.Indicators.Revision);
        Assert.Empty(partition.Idf.Indicators.Entries);
    }

    private static async Task<DetailedReport> ScanAsync(SecurePartitionClient client)
    {
        await client.TriggerCheckAsync(TriggerKind.Requested, "indicator test");
        return (await client.GetReportAsync(detailed: true)).Detailed!;
    }
}
