using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Triggers;
using Hardware;
using Hardware.Inventory;
using V2x.Integrity;

namespace Firmware.SecurePartition.Reports;

/// <summary>
/// The detailed integrity report for the black box and upstream (patent ¶127): every detector's
/// result and evidence, the latches, the boot measurements, and the software and hardware bills
/// of materials with versions. Encoded by <see cref="ReportCodec"/>.
/// </summary>
public sealed record DetailedReport
{
    /// <summary>When the scan ran.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The board's name (make/model and unit; upstream desensitises it, issue 6).</summary>
    public required string Board { get; init; }

    /// <summary>What started the scan.</summary>
    public required TriggerKind Trigger { get; init; }

    /// <summary>Trigger detail.</summary>
    public required string TriggerDetail { get; init; }

    /// <summary>Whether images were re-hashed.</summary>
    public required bool FullScan { get; init; }

    /// <summary>The effective level (the compact report's).</summary>
    public required IntegrityLevel Level { get; init; }

    /// <summary>The effective detector bitmap.</summary>
    public required DetectorFlags Detectors { get; init; }

    /// <summary>Every detector's result with evidence.</summary>
    public required IReadOnlyList<DetectorResult> Results { get; init; }

    /// <summary>The detector classes the scan evaluated (checked or partly checked): the compact report's coverage.</summary>
    public DetectorFlags Coverage => Results.Where(r => r.Covered).Aggregate(DetectorFlags.None, (a, r) => a | r.Detector);

    /// <summary>
    /// The detector classes the scan did not evaluate (not required, not checkable, or given nothing to check
    /// by the policy); each one's result says why (evidence rule <see cref="DetectorResult.NotCoveredRule"/>
    /// or "capability.missing").
    /// </summary>
    public DetectorFlags Uncovered => Detection.Detectors.All & ~Coverage;

    /// <summary>The latches in force.</summary>
    public required IReadOnlyList<Latch> Latches { get; init; }

    /// <summary>The measured boot of this start.</summary>
    public required IReadOnlyList<StageMeasurement> BootStages { get; init; }

    /// <summary>The flash generation running.</summary>
    public required ulong FlashGeneration { get; init; }

    /// <summary>Software bill of materials.</summary>
    public required IReadOnlyList<SbomEntry> Software { get; init; }

    /// <summary>Hardware bill of materials.</summary>
    public required IReadOnlyList<HardwareDevice> Hardware { get; init; }

    /// <summary>Builds the report of a scan.</summary>
    public static DetailedReport From(ScanResult scan, BootResult boot, BoardCapabilities board, ulong flashGeneration)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(boot);
        ArgumentNullException.ThrowIfNull(board);
        IReadOnlyList<SoftwareComponent> software = [];
        IReadOnlyList<HardwareDevice> hardware = [];
        try
        {
            software = board.SoftwareInventory?.Read() ?? [];
            hardware = board.HardwareInventory?.Read() ?? [];
        }
        catch (IOException)
        {
            // The inventory is part of the report, not of the verdict: an unreadable one is left empty.
        }

        return new DetailedReport
        {
            Time = scan.Time,
            Board = board.Name,
            Trigger = scan.Trigger,
            TriggerDetail = scan.TriggerDetail,
            FullScan = scan.FullScan,
            Level = scan.Level,
            Detectors = scan.Bitmap,
            Results = scan.Results,
            Latches = scan.Latches,
            BootStages = boot.AllStages,
            FlashGeneration = flashGeneration,
            Software = software.Select(c => new SbomEntry(c.Name, c.Version, c.HashSource,
                    boot.Stages.FirstOrDefault(s => "partition:" + s.Label == c.HashSource)?.Sha256 ?? []))
                // A sealed deployment's stages, each with the SHA-256 of its signed manifest (which lists every file's).
                .Concat(boot.Deployment?.Stages.Where(s => s.Sha256.Length == 32).Select(s => new SbomEntry(s.Label, s.Version, "deployment:" + s.Label, s.Sha256)) ?? [])
                .ToList(),
            Hardware = hardware,
        };
    }
}
