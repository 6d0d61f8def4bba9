using Firmware.Nano.Board;
using Firmware.Nano.Boot;
using Firmware.Nano.Detection;
using Firmware.Nano.Integrity;
using Firmware.Nano.Partition;
using Firmware.Nano.SecureElement;
using Firmware.Nano.Tests.Support;
using V2x.Security.Crypto;

namespace Firmware.Nano.Tests.Detection;

/// <summary>
/// One row per MCU fault: the board is set up as the flash tool and the provisioning leave it, the fault is applied,
/// the MCU starts (measured boot, counter, IDF start-up scan), and the row names the level, the detector class and the
/// finding the report must carry.
/// </summary>
public sealed class DetectorRowTests
{
    private const DetectorFlags McuDetectors = DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.Crash | DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper;

    public static TheoryData<string, Action<Esp32Rig>, IntegrityLevel, DetectorFlags, string?> Rows => new()
    {
        { "clean board", _ => { }, IntegrityLevel.NoAnomaly, DetectorFlags.None, null },
        { "requested restart", r => r.Chip.LastReset = ResetReason.Software, IntegrityLevel.NoAnomaly, DetectorFlags.None, null },
        { "brown-out reset", r => r.Chip.LastReset = ResetReason.Brownout, IntegrityLevel.Anomaly, DetectorFlags.Crash, "crash.brownout" },
        { "task watchdog reset", r => r.Chip.LastReset = ResetReason.TaskWatchdog, IntegrityLevel.Anomaly, DetectorFlags.Crash, "crash.watchdog" },
        { "interrupt watchdog reset", r => r.Chip.LastReset = ResetReason.InterruptWatchdog, IntegrityLevel.Anomaly, DetectorFlags.Crash, "crash.watchdog" },
        { "panic reset", r => r.Chip.LastReset = ResetReason.Panic, IntegrityLevel.Anomaly, DetectorFlags.Crash, "crash.panic" },
        {
            "third crash reset in a row", r =>
            {
                r.Nvs.Write(CrashDetector.RunKey, [2]);
                r.Chip.LastReset = ResetReason.Panic;
            },
            IntegrityLevel.HighAnomaly, DetectorFlags.Crash, "crash.panic"
        },
        { "heap low-water mark in the anomaly band", r => r.Chip.MinimumFreeHeapBytes = 20 * 1024, IntegrityLevel.Anomaly, DetectorFlags.Memory, "memory.heap" },
        { "heap low-water mark in the high band", r => r.Chip.MinimumFreeHeapBytes = 4 * 1024, IntegrityLevel.HighAnomaly, DetectorFlags.Memory, "memory.heap" },
        { "a stack nearly overrun", r => r.Chip.Tasks[0] = new TaskInfo("main", 96), IntegrityLevel.HighAnomaly, DetectorFlags.Memory, "memory.stack" },
        { "a stack low", r => r.Chip.Tasks[1] = new TaskInfo("esp_timer", 300), IntegrityLevel.Anomaly, DetectorFlags.Memory, "memory.stack" },
        { "expected task missing", r => r.Chip.Tasks.RemoveAt(0), IntegrityLevel.Anomaly, DetectorFlags.Process, "process.missing" },
        { "unexpected task", r => r.Chip.Tasks.Add(new TaskInfo("miner", 2000)), IntegrityLevel.HighAnomaly, DetectorFlags.Process, "process.unexpected" },
        { "tampered nanoCLR partition", r => Flip(r, r.Set.Partitions["factory"].OffsetBytes + 1000), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.mismatch" },
        { "tampered deployment (managed code)", r => Flip(r, r.Set.Partitions["deploy"].OffsetBytes + 7), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.mismatch" },
        { "tampered bootloader", r => Flip(r, MeasuredBoot.BootloaderOffset + 16), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.mismatch" },
        { "tampered partition table (flags of an entry)", r => Flip(r, PartitionTable.DefaultOffset + (5 * 32) + 28), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "boot.mismatch" },
        { "manifest and policy signed by another key", ReSignWithAnotherKey, IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "integrity.manifest" },
        { "idf partition erased", r => r.Flash.Write(r.Set.Partitions["idf"].OffsetBytes, Enumerable.Repeat((byte)0xFF, 64).ToArray()), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "integrity.manifest" },
        { "manifest older than the accepted one", r => r.Nvs.Write(MeasuredBoot.ManifestVersionKey, [0, 0, 0, 5]), IntegrityLevel.Compromised, DetectorFlags.IntegrityCheck, "integrity.manifest" },
        { "counter record behind the secure element", r => r.Element.SetCounter(0, 4), IntegrityLevel.HighAnomaly, DetectorFlags.IntegrityCheck, "integrity.counter-rollback" },
        { "secure element zones unlocked", r => r.Element.Unlock(), IntegrityLevel.Compromised, DetectorFlags.HsmTamper, "hsm.unlocked" },
        { "secure element self-test failure", r => r.Element.SelfTestFailures = 0x02, IntegrityLevel.HighAnomaly, DetectorFlags.HsmTamper, "hsm.self-test" },
        { "secure element swapped (another key in the signing slot)", r => r.Element.ReplaceKey(0), IntegrityLevel.Compromised, DetectorFlags.HsmTamper, "hsm.key" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Fault_row(string name, Action<Esp32Rig> fault, IntegrityLevel level, DetectorFlags detectors, string? finding)
    {
        using var rig = new Esp32Rig();
        fault(rig);
        var (_, _, idf, _) = rig.Start();
        var scan = idf.Latest;
        var findings = scan.Results.SelectMany(r => r.Findings).Select(f => f.Code).ToList();
        Assert.True(level == scan.Level, $"{name}: level {scan.Level}, findings {string.Join(", ", findings)}");
        Assert.True(detectors == scan.Detectors, $"{name}: detectors {scan.Detectors}");
        Assert.Equal(McuDetectors, scan.Coverage);
        if (finding is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Contains(finding, findings);
        }
    }

    [Fact]
    public void Findings_latch_until_the_next_start()
    {
        using var rig = new Esp32Rig();
        var (_, _, idf, _) = rig.Start();
        rig.Chip.MinimumFreeHeapBytes = 4 * 1024;
        Assert.Equal(IntegrityLevel.HighAnomaly, idf.CheckForMessage().Level);
        rig.Chip.MinimumFreeHeapBytes = 120 * 1024;
        Assert.Equal(IntegrityLevel.HighAnomaly, idf.CheckForMessage().Level);
        Assert.Equal(IntegrityLevel.NoAnomaly, rig.Start().Idf.Latest.Level);
    }

    [Fact]
    public void An_element_that_stops_answering_is_a_compromise_at_the_next_scan()
    {
        using var rig = new Esp32Rig();
        var (_, _, idf, _) = rig.Start();
        rig.Element.Absent = true;
        var scan = idf.Scan();
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Contains("hsm.fault", scan.Results.SelectMany(r => r.Findings).Select(f => f.Code));
    }

    [Fact]
    public void Without_the_secure_element_at_start_nothing_can_sign()
    {
        using var rig = new Esp32Rig();
        rig.Element.Absent = true;
        var e = Assert.Throws<SecureElementException>(() => rig.Start());
        Assert.Equal(SecureElementError.NoResponse, e.Error);
    }

    [Fact]
    public void A_clean_start_records_the_manifest_version_a_rollback_is_measured_against()
    {
        using var rig = new Esp32Rig();
        Assert.True(rig.Start().Boot.IsClean);
        Assert.Equal([0, 0, 0, 1], rig.Nvs.Read(MeasuredBoot.ManifestVersionKey));
    }

    [Fact]
    public void An_unsynchronised_clock_refuses_to_sign_and_spends_no_counter_value()
    {
        using var rig = new Esp32Rig();
        var (_, counter, _, partition) = rig.Start();
        rig.Clock.Synchronised = false;
        var before = counter.Peek;
        Assert.Throws<SigningRefusedException>(() => partition.AugmentAndSign([1, 2, 3], 36, null, true));
        Assert.Equal(before, counter.Peek);
    }

    private static void Flip(Esp32Rig rig, uint address) => rig.Flash.Bytes[address] ^= 0x01;

    private static void ReSignWithAnotherKey(Esp32Rig rig)
    {
        using var other = EcdsaP256SignatureKey.Generate();
        var set = Host.Esp32DeploymentSet.Build(Hardware.Boards.ObuBoards.Esp32Obu4MiB, Hardware.Boards.ObuBoards.Esp32Obu4MiB.FlashSizeBytes, rig.Images, "1.0.0", 1, 1,
            Host.Esp32DeploymentSet.DefaultPolicy(1), other, NanoAuthority.Now);
        rig.Flash.Write(set.Partitions["idf"].OffsetBytes, set.IdfPartition);
    }
}
