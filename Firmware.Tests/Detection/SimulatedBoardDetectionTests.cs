using System.Net;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Memory;
using Hardware.Reset;
using Hardware.Simulated;
using V2x.Integrity;

namespace Firmware.Tests.Detection;

/// <summary>
/// Issue 4, "Done when" 1: on the simulated board every fault gives the expected level and
/// detector bit, a tampered or rolled-back image names its stage, and a clean board reports no
/// anomaly. Rows marked "at boot" inject before the board starts; the others inject on a running
/// board, let 10 s pass (FakeTimeProvider), and request a full scan.
/// </summary>
public sealed class SimulatedBoardDetectionTests
{
    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["clean board"] = new(false, _ => { }, IntegrityLevel.NoAnomaly, DetectorFlags.None),
        ["tampered os image (at boot)"] = new(true, b => b.OverwriteImageBytes("os", 4096, [1, 2, 3, 4]), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.Tampered", "os"),
        ["tampered app image (at boot)"] = new(true, b => b.OverwriteImageBytes("app", 200_000, [0xEE]), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.Tampered", "app"),
        ["tampered app header version (at boot)"] = new(true, b => b.FlashImageVersion("app", "1.0.1", 1), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.Tampered", "app"),
        ["rolled-back app image (at boot)"] = new(true, b => b.RollBackImage("app"), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.RolledBack", "app"),
        ["corrupt idf header (at boot)"] = new(true, b => b.OverwriteImageBytes("idf", 0, [0, 0, 0, 0]), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.Unreadable", "idf"),
        ["app tampered at runtime"] = new(false, b => b.OverwriteImageBytes("app", 1000, [9, 9]), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "runtime.Tampered", "app"),
        ["rogue process"] = new(false, b => b.StartRogueProcess(), IntegrityLevel.HighAnomaly, DetectorFlags.Process, "process.unexpected", "miner"),
        ["missing process"] = new(false, b => b.KillProcess("gnssd"), IntegrityLevel.Anomaly, DetectorFlags.Process, "process.missing", "gnssd"),
        ["wrong user"] = new(false, b => b.ChangeProcessUser("v2x-app", "root", 0), IntegrityLevel.HighAnomaly, DetectorFlags.Process, "process.user", "v2x-app"),
        ["wrong privilege (capabilities)"] = new(false, b => b.ChangeProcessCapabilities("v2x-app", 1UL << 17), IntegrityLevel.HighAnomaly, DetectorFlags.Process, "process.privilege", "v2x-app"),
        ["cpu above range"] = new(false, b => b.SetCpuUse("v2x-app", 0.9), IntegrityLevel.Anomaly, DetectorFlags.TaskManager, "taskmanager.cpu", "v2x-app"),
        ["throughput in x..y"] = new(false, b => b.PushTraffic("radio0", 1_000_000, 1_000_000), IntegrityLevel.Anomaly, DetectorFlags.Network, "network.throughput", "radio0"),
        ["throughput above y"] = new(false, b => b.PushTraffic("radio0", 20_000_000, 5_000_000), IntegrityLevel.HighAnomaly, DetectorFlags.Network, "network.throughput", "radio0"),
        ["throughput below x"] = new(false, b => b.PushTraffic("radio0", 100_000, 100_000), IntegrityLevel.NoAnomaly, DetectorFlags.None),
        ["forbidden peer"] = new(false, b => b.AddPeer(new IPEndPoint(IPAddress.Parse("203.0.113.5"), 4444)), IntegrityLevel.Anomaly, DetectorFlags.Network, "network.peer", "203.0.113.5:4444"),
        ["allowed peer"] = new(false, b => b.AddPeer(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 443)), IntegrityLevel.NoAnomaly, DetectorFlags.None),
        ["firewall drops anomaly"] = new(false, b => b.AddFirewallDrops(12, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5555)), IntegrityLevel.Anomaly, DetectorFlags.Network, "network.firewall", "firewall"),
        ["firewall drops high"] = new(false, b => b.AddFirewallDrops(150, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5555)), IntegrityLevel.HighAnomaly, DetectorFlags.Network, "network.firewall", "firewall"),
        ["stack guard hit"] = new(false, b => b.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000), IntegrityLevel.HighAnomaly, DetectorFlags.Memory, "memory.StackGuard", "v2x-app"),
        ["invalid page"] = new(false, b => b.RaiseMemoryFault(MemoryFaultKind.InvalidPage, "gnssd"), IntegrityLevel.Anomaly, DetectorFlags.Memory, "memory.InvalidPage", "gnssd"),
        ["heap in x..y"] = new(false, b => b.SetHeapUsed(b.Memory.HeapTotalBytes * 8 / 10), IntegrityLevel.Anomaly, DetectorFlags.Memory, "memory.heap", "heap"),
        ["heap above y"] = new(false, b => b.SetHeapUsed(b.Memory.HeapTotalBytes * 95 / 100), IntegrityLevel.HighAnomaly, DetectorFlags.Memory, "memory.heap", "heap"),
        ["ipc outside allow-list"] = new(false, b => b.AttachIpc("gnssd", "can0"), IntegrityLevel.Anomaly, DetectorFlags.SecurityPolicy, "policy.ipc", "gnssd"),
        ["ipc allowed"] = new(false, b => b.AttachIpc("v2x-app", "idf.sock"), IntegrityLevel.NoAnomaly, DetectorFlags.None),
        ["capability use"] = new(false, b => b.UseCapability("v2x-app", "CAP_SYS_RAWIO"), IntegrityLevel.HighAnomaly, DetectorFlags.SecurityPolicy, "policy.capability", "v2x-app"),
        ["crash of a task"] = new(false, b => b.Crash("can-gw", ResetReason.Panic, "SIGSEGV"), IntegrityLevel.Anomaly, DetectorFlags.Crash | DetectorFlags.Process, "crash.termination", "can-gw"),
        ["panic reset (at boot)"] = new(true, b => b.Crash("v2x-app", ResetReason.Watchdog), IntegrityLevel.Anomaly, DetectorFlags.Crash, "crash.reset", "board"),
        ["hsm tamper"] = new(false, b => b.RaiseTamper("enclosure"), IntegrityLevel.Compromised, DetectorFlags.HsmTamper, "tamper.event", "enclosure"),
    };

    public static TheoryData<string> Names => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Fault_gives_expected_level_and_detector_bit(string name)
    {
        var row = Rows[name];
        using var bench = TestBench.Create();
        if (row.AtBoot)
        {
            row.Inject(bench.Board);
            bench.Restart();
        }

        var partition = bench.StartPartition();
        var scan = partition.Idf.Latest;
        if (!row.AtBoot)
        {
            Assert.Equal(IntegrityLevel.NoAnomaly, scan.Level);
            row.Inject(bench.Board);
            bench.Time.Advance(TimeSpan.FromSeconds(10));
            scan = partition.TriggerCheck(TriggerKind.Requested, name);
        }

        Assert.Equal(row.Level, scan.Level);
        Assert.Equal(row.Bits, scan.Bitmap);
        if (row.Rule is not null)
        {
            var evidence = scan.Results.SelectMany(r => r.Evidence).ToList();
            Assert.Contains(evidence, e => e.Rule == row.Rule && e.Subject == row.Subject && e.Level >= IntegrityLevel.Anomaly);
        }
    }

    [Fact]
    public void Ranged_throughput_evidence_carries_value_and_both_thresholds()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        bench.Board.PushTraffic("radio0", 1_000_000, 1_000_000);
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        var e = partition.TriggerCheck(TriggerKind.Requested, "").Results.SelectMany(r => r.Evidence).Single(e => e.Rule == "network.throughput");
        Assert.Equal(200_000, e.Value!.Value, 3);
        Assert.Equal(64 * 1024, e.AnomalyThreshold);
        Assert.Equal(1024 * 1024, e.HighThreshold);
    }

    [Fact]
    public void Message_path_scans_do_not_move_the_rate_baselines()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        bench.Board.PushTraffic("radio0", 1_000_000, 1_000_000);
        bench.Time.Advance(TimeSpan.FromSeconds(5));
        bench.Board.RaiseMemoryFault(MemoryFaultKind.InvalidPage, "gnssd");
        _ = partition.Idf.CheckForMessage();
        Assert.Equal(TriggerKind.MessageSend, partition.Idf.Latest.Trigger);
        bench.Time.Advance(TimeSpan.FromSeconds(5));
        var e = partition.TriggerCheck(TriggerKind.Requested, "").Results.SelectMany(r => r.Evidence).Single(e => e.Rule == "network.throughput");
        Assert.Equal(200_000, e.Value!.Value, 3);
    }

    [Theory]
    [InlineData("50 drops over 50 messages: anomaly", 50, 1, IntegrityLevel.Anomaly)]
    [InlineData("150 drops in batches of 3: high anomaly", 150, 3, IntegrityLevel.HighAnomaly)]
    [InlineData("9 drops over 9 messages: below the threshold", 9, 1, IntegrityLevel.NoAnomaly)]
    public void Firewall_drops_spread_over_message_path_scans_are_counted_whole_at_the_periodic_scan(string name, int drops, int perMessage, IntegrityLevel expected)
    {
        _ = name;
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        var source = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5555);
        for (var sent = 0; sent < drops; sent += perMessage)
        {
            bench.Board.AddFirewallDrops(perMessage, source);
            _ = partition.Idf.CheckForMessage();
            var quick = partition.Idf.Latest;
            Assert.Equal(TriggerKind.MessageSend, quick.Trigger);

            // Drops a quick scan has already seen do not trigger another one on the next message.
            _ = partition.Idf.CheckForMessage();
            Assert.Same(quick, partition.Idf.Latest);
            bench.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var scan = partition.Idf.Scan(TriggerKind.Periodic);
        Assert.Equal(expected, scan.LevelOf(DetectorFlags.Network));
        var firewall = scan.Results.SelectMany(r => r.Evidence).Where(e => e.Rule == "network.firewall").ToList();
        if (expected == IntegrityLevel.NoAnomaly)
        {
            Assert.Empty(firewall);
        }
        else
        {
            Assert.Equal(drops, Assert.Single(firewall).Value!.Value, 3);
        }

        // The periodic scan consumed them: the next period starts from zero.
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(partition.Idf.Scan(TriggerKind.Periodic).Results.SelectMany(r => r.Evidence), e => e.Rule == "network.firewall");
    }

    [Fact]
    public void Rollback_under_a_valid_newer_manifest_is_caught_by_the_persisted_minimum()
    {
        using var bench = TestBench.Create();
        bench.Flash(version: "2.0.0", secureVersion: 2);
        bench.Restart();
        Assert.Equal(IntegrityLevel.NoAnomaly, bench.StartPartition().Idf.Latest.Level);

        // The OEM signs a newer manifest over the old images (secure version 1, minimum 1): the
        // persisted minimum (2, raised by the clean boot of 2.0.0) still refuses them.
        bench.Flash(version: "1.0.0", secureVersion: 1, minimumSecureVersion: 1);
        bench.Restart();
        var scan = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Contains(scan.Results.SelectMany(r => r.Evidence), e => e.Rule == "boot.RolledBack" && e.Subject == "app");
    }

    [Fact]
    public void Replayed_older_manifest_is_refused_as_stale()
    {
        using var bench = TestBench.Create();
        var old = bench.Board.Store.Read(SecurePartition.Boot.MeasuredBoot.ManifestKey)!;
        bench.Flash(version: "2.0.0", secureVersion: 2, manifestVersion: 2);
        bench.Restart();
        bench.StartPartition();
        bench.Board.Store.Write(SecurePartition.Boot.MeasuredBoot.ManifestKey, old);
        bench.Board.FlashImageVersion("app", "1.0.0", 1);
        bench.Restart();
        var scan = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Contains(scan.Results.SelectMany(r => r.Evidence), e => e.Rule == "integrity.manifest" && e.Detail.StartsWith("Stale", StringComparison.Ordinal));
    }

    private sealed record Row(bool AtBoot, Action<SimulatedBoard> Inject, IntegrityLevel Level, DetectorFlags Bits, string? Rule = null, string? Subject = null);
}
