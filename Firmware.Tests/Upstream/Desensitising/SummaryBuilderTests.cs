using System.Net;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream;
using Firmware.Upstream.Desensitising;
using Hardware.Memory;
using Hardware.Positioning;
using Hardware.Reset;
using Hardware.Simulated;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.Desensitising;

/// <summary>
/// Every fault of the simulated board, read as a detailed report through the partition's protocol,
/// becomes a desensitised summary with the expected detector, anomaly class, severity, X.1371 threat
/// type and observables; no free text of the report (details, trigger detail, board name) reaches it.
/// Unsafe board values are withheld, a numeric value shaped like an IMEI blocks its summary, and the
/// location is a grid cell only when the fix and the report are recent.
/// </summary>
public sealed class SummaryBuilderTests
{
    private static readonly UpstreamOptions Options = new() { QueuePath = "unused", CollectionId = "c", Make = "Acme", Model = "Roadster", Supplier = "TBoxCo" };

    private sealed record Row(bool AtBoot, Action<SimulatedBoard> Fault, string Detector, string AnomalyClass, AnomalySeverity Severity, X1371ThreatType Threat, string Observables);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["rogue process"] = new(false, b => b.StartRogueProcess(), "process", "process-unexpected", AnomalySeverity.HighAnomaly, X1371ThreatType.AttackTargetsAndMotivations, "file:miner,process"),
        ["missing process"] = new(false, b => b.KillProcess("gnssd"), "process", "process-missing", AnomalySeverity.Anomaly, X1371ThreatType.AttackTargetsAndMotivations, "software:gnssd"),
        ["wrong user"] = new(false, b => b.ChangeProcessUser("v2x-app", "root", 0), "process", "process-user", AnomalySeverity.HighAnomaly, X1371ThreatType.AttackTargetsAndMotivations, "file:v2x-app,process"),
        ["cpu above range"] = new(false, b => b.SetCpuUse("v2x-app", 0.9), "task-manager", "taskmanager-cpu", AnomalySeverity.Anomaly, X1371ThreatType.AttackTargetsAndMotivations, "file:v2x-app,process"),
        ["throughput above y"] = new(false, b => b.PushTraffic("radio0", 20_000_000, 5_000_000), "network", "network-throughput", AnomalySeverity.HighAnomaly, X1371ThreatType.CommunicationChannels, "software:obu-firmware"),
        ["forbidden public peer"] = new(false, b => b.AddPeer(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 4444)), "network", "network-peer", AnomalySeverity.Anomaly, X1371ThreatType.ExternalConnectivity, "ipv4-addr:203.0.113.5,network-traffic"),
        ["forbidden private peer (withheld)"] = new(false, b => b.AddPeer(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 4444)), "network", "network-peer", AnomalySeverity.Anomaly, X1371ThreatType.ExternalConnectivity, "software:obu-firmware"),
        ["firewall drops high"] = new(false, b => b.AddFirewallDrops(150, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5555)), "network", "network-firewall", AnomalySeverity.HighAnomaly, X1371ThreatType.ExternalConnectivity, "software:obu-firmware"),
        ["stack guard hit"] = new(false, b => b.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000), "memory", "memory-stack-guard", AnomalySeverity.HighAnomaly, X1371ThreatType.PotentialVulnerabilities, "file:v2x-app,process"),
        ["heap above y"] = new(false, b => b.SetHeapUsed(b.Memory.HeapTotalBytes * 95 / 100), "memory", "memory-heap", AnomalySeverity.HighAnomaly, X1371ThreatType.PotentialVulnerabilities, "software:obu-firmware"),
        ["ipc outside allow-list"] = new(false, b => b.AttachIpc("gnssd", "can0"), "security-policy", "policy-ipc", AnomalySeverity.Anomaly, X1371ThreatType.AttackTargetsAndMotivations, "file:gnssd,process"),
        ["crash of a task"] = new(false, b => b.Crash("can-gw", ResetReason.Panic, "SIGSEGV"), "crash", "crash-termination", AnomalySeverity.Anomaly, X1371ThreatType.PotentialVulnerabilities, "file:can-gw,process"),
        ["hsm tamper"] = new(false, b => b.RaiseTamper("enclosure"), "hsm-tamper", "tamper-event", AnomalySeverity.Compromise, X1371ThreatType.AttackTargetsAndMotivations, "software:obu-firmware"),
        ["app tampered at runtime"] = new(false, b => b.OverwriteImageBytes("app", 1000, [9, 9]), "integrity-check", "runtime-tampered", AnomalySeverity.Compromise, X1371ThreatType.UpdateProcedures, "file:app"),
        ["tampered app image (at boot)"] = new(true, b => b.OverwriteImageBytes("app", 200_000, [0xEE]), "integrity-check", "boot-tampered", AnomalySeverity.Compromise, X1371ThreatType.UpdateProcedures, "file:app#"),
    };

    public static TheoryData<string> Names => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_fault_becomes_a_desensitised_summary(string name)
    {
        var row = Rows[name];
        using var bench = TestBench.Create();
        if (row.AtBoot)
        {
            row.Fault(bench.Board);
        }

        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        if (!row.AtBoot)
        {
            row.Fault(bench.Board);
            bench.Time.Advance(TimeSpan.FromSeconds(10));
            await client.TriggerCheckAsync(TriggerKind.Requested, "summary test for Hans Müller");
        }

        var (_, report) = (await client.ReadReportsAsync(0, 64)).Last();
        var result = new Desensitiser(Options, new byte[32]).Desensitise(report, bench.Time.GetUtcNow(), null);
        Assert.Empty(result.Blocked);
        var summary = result.Ready.Select(s => (s, Facts: Facts(s))).Where(x => x.Facts.Detector == row.Detector && x.Facts.AnomalyClass == row.AnomalyClass).ToList();
        var (outbound, facts) = Assert.Single(summary);
        Assert.True(row.Severity == facts.Severity, $"{name}: {facts.Severity}");
        Assert.Equal(row.Threat, facts.ThreatType);
        Assert.Equal(("Acme", "Roadster", "TBoxCo", "obu", SimulatedBoard.ReferenceVersion), (facts.Make, facts.Model, facts.Supplier, facts.Ecu, facts.FirmwareVersion));
        Assert.Null(facts.Location);
        Assert.Equal(row.Observables, Describe(outbound.Objects, report));

        // Nothing of the report's free text is in what leaves.
        var json = string.Join("\n", outbound.Objects.Select(StixJson.Write));
        foreach (var text in report.Results.SelectMany(r => r.Evidence).Select(e => e.Detail).Append(report.Board).Append(report.TriggerDetail)
                     .Concat(report.Latches.Select(l => l.Reason)).Concat(report.Hardware.Select(h => h.Model)).Where(t => t.Length > 8))
        {
            Assert.DoesNotContain(text, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Müller", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_subjects_are_withheld_and_an_imei_shaped_value_blocks_the_summary()
    {
        var time = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var report = Reports.With(time,
            Reports.RogueProcess("Jane Doe"),
            Reports.RogueProcess("AB-123-CD"),
            Reports.RogueProcess("WVWZZZ1JZXW000001"),
            (DetectorFlags.Network, new Evidence("network.throughput", "eth0", IntegrityLevel.HighAnomaly, "modem 490154203237518", 490154203237518, 65536, 1048576)));
        var result = new Desensitiser(Options, new byte[32]).Desensitise(report, time, null);
        Assert.Equal(3, result.Withheld);
        var blocked = Assert.Single(result.Blocked);
        Assert.Equal(("network", "network-throughput"), (blocked.Detector, blocked.AnomalyClass));
        Assert.Contains(blocked.Findings, f => f.Kind == "imei-imsi");
        // The three withheld processes describe the same anomaly without a name: one summary.
        var ready = Assert.Single(result.Ready);
        Assert.Contains("subject=withheld", Facts(ready).Evidence, StringComparison.Ordinal);
        Assert.Equal("software:obu-firmware", Describe(ready.Objects, report));
    }

    public static TheoryData<string, bool, double, double, bool> Fixes => new()
    {
        { "recent fix, recent report", true, 0, 0, true },
        { "no fix", false, 0, 0, false },
        { "fix 11 minutes old", true, 11, 0, false },
        { "report 11 minutes old", true, 0, 11, false },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_location_is_a_grid_cell_of_a_recent_fix_for_a_recent_report(string name, bool valid, double fixAgeMinutes, double reportAgeMinutes, bool located)
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);
        var fix = new PositionFix(valid, 48.137154, 11.576124, 519, 13.9, 90, now.AddMinutes(-fixAgeMinutes), 3);
        var result = new Desensitiser(Options, new byte[32]).Desensitise(Reports.With(now.AddMinutes(-reportAgeMinutes), Reports.RogueProcess()), now, fix);
        var facts = Facts(Assert.Single(result.Ready));
        Assert.True(located == facts.Location is not null, name);
        if (located)
        {
            Assert.Equal((48.1, 11.5), (facts.Location!.Value.Latitude, facts.Location.Value.Longitude));
        }
    }

    [Fact]
    public void Time_is_floored_to_the_bucket_and_one_anomaly_per_bucket_keeps_one_id()
    {
        var d = new Desensitiser(Options, new byte[32]);
        var t = new DateTimeOffset(2026, 3, 1, 10, 17, 42, TimeSpan.Zero);
        var first = Assert.Single(d.Desensitise(Reports.With(t, Reports.RogueProcess()), t, null).Ready);
        var sameHour = Assert.Single(d.Desensitise(Reports.With(t.AddMinutes(40), Reports.RogueProcess()), t, null).Ready);
        var nextHour = Assert.Single(d.Desensitise(Reports.With(t.AddMinutes(43), Reports.RogueProcess()), t, null).Ready);
        Assert.Equal("2026-03-01T10:00:00.000Z", (string)first.Objects[^1]["created"]!);
        Assert.Equal(first.ObservedDataId, sameHour.ObservedDataId);
        Assert.Equal(StixJson.Write(new JsonArray([.. first.Objects.Select(o => o.DeepClone())])), StixJson.Write(new JsonArray([.. sameHour.Objects.Select(o => o.DeepClone())])));
        Assert.NotEqual(first.ObservedDataId, nextHour.ObservedDataId);
        Assert.Equal(Facts(first).Signature, Facts(nextHour).Signature);
    }

    [Fact]
    public void A_report_without_anomalies_gives_nothing_and_findings_past_the_limit_are_counted()
    {
        var d = new Desensitiser(Options with { MaxSummariesPerReport = 2 }, new byte[32]);
        var t = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Empty(d.Desensitise(Reports.With(t), t, null).Ready);
        var many = d.Desensitise(Reports.With(t, Reports.RogueProcess("a1"), Reports.RogueProcess("a2"), Reports.RogueProcess("a3")), t, null);
        Assert.Equal((2, 1), (many.Ready.Count, many.Truncated));
    }

    [Fact]
    public void A_configured_value_that_identifies_the_vehicle_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Desensitiser(Options with { Model = "WVWZZZ1JZXW000001" }, new byte[32]));
        Assert.Throws<ArgumentException>(() => new Desensitiser(Options with { FirmwareVersion = "1.0 build 4901542032375" }, new byte[32]));
    }

    private static AnomalyFacts Facts(OutboundSummary s)
    {
        Assert.True(AnomalyExtension.TryRead(s.Objects[^1], out var facts));
        return facts!;
    }

    // "type:name" per observable ("#" when a file carries the measured SHA-256 of its boot stage), joined by ",".
    private static string Describe(IReadOnlyList<JsonObject> objects, DetailedReport report) => string.Join(",", objects.SkipLast(1).Select(o =>
    {
        var type = StixObject.GetString(o, "type")!;
        var name = StixObject.GetString(o, "name") ?? StixObject.GetString(o, "value");
        var hash = (o["hashes"] as JsonObject)?["SHA-256"]?.GetValue<string>();
        var stage = report.BootStages.FirstOrDefault(s => s.Label == name);
        var marker = hash is not null && stage is not null && hash == Convert.ToHexStringLower(stage.Sha256) ? "#" : "";
        return name is null ? type : $"{type}:{name}{marker}";
    }));
}
