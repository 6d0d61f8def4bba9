using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Hardware.Inventory;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.Support;

/// <summary>Builders of detailed reports shaped like the partition's (patent ¶127), for upstream tests.</summary>
public static class Reports
{
    /// <summary>The measured hash of the "app" stage in these reports.</summary>
    public const string AppSha256 = "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877";

    /// <summary>A report at <paramref name="time"/> with the findings given, each its own detector result.</summary>
    public static DetailedReport With(DateTimeOffset time, params (DetectorFlags Detector, Evidence Evidence)[] findings) => new()
    {
        Time = time,
        Board = "/var/lib/obu/obu.bin",
        Trigger = TriggerKind.Periodic,
        TriggerDetail = "",
        FullScan = true,
        Level = findings.Length == 0 ? IntegrityLevel.NoAnomaly : findings.Max(f => f.Evidence.Level),
        Detectors = findings.Aggregate(DetectorFlags.None, (a, f) => a | f.Detector),
        Results = Detectors.InOrder.Select(d =>
        {
            var evidence = findings.Where(f => f.Detector == d).Select(f => f.Evidence).ToList();
            return DetectorResult.From(d, DetectorStatus.Checked, evidence);
        }).ToList(),
        Latches = [],
        BootStages =
        [
            new("bootloader", "1.0.0", 1, Convert.FromHexString("11".PadLeft(64, '1')), StageVerdict.Verified, "ok"),
            new("app", "1.0.0", 1, Convert.FromHexString(AppSha256), StageVerdict.Verified, "ok"),
        ],
        FlashGeneration = 1,
        Software = [new SbomEntry("app", "1.0.0", "partition:app", Convert.FromHexString(AppSha256))],
        Hardware = [new HardwareDevice("hsm0", "hsm", "Simulated", "Secure element", "1.0")],
    };

    /// <summary>An unexpected process (the rogue "miner" of the simulated board).</summary>
    public static (DetectorFlags, Evidence) RogueProcess(string name = "miner") =>
        (DetectorFlags.Process, new Evidence("process.unexpected", name, IntegrityLevel.HighAnomaly, $"unexpected process pid 4242 /tmp/.x/{name} as root (0)"));
}
