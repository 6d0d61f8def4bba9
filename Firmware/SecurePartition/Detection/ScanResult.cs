using Firmware.SecurePartition.Triggers;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// One scan and the state it leaves: the detector results, the latches, and the effective level
/// and bitmap (each detector at the worse of its result and its latch).
/// </summary>
/// <param name="Time">When the scan ran.</param>
/// <param name="Trigger">What started it.</param>
/// <param name="TriggerDetail">Detail of the trigger (application name, update source).</param>
/// <param name="FullScan">True when images were re-hashed.</param>
/// <param name="Results">Every detector's result.</param>
/// <param name="Latches">The latches after the scan.</param>
public sealed record ScanResult(DateTimeOffset Time, TriggerKind Trigger, string TriggerDetail, bool FullScan, IReadOnlyList<DetectorResult> Results, IReadOnlyList<Latch> Latches)
{
    /// <summary>The effective level of one detector: the worse of its result and its latch.</summary>
    public IntegrityLevel LevelOf(DetectorFlags detector)
    {
        var current = Results.FirstOrDefault(r => r.Detector == detector)?.Level ?? IntegrityLevel.NoAnomaly;
        var latched = Latches.FirstOrDefault(l => l.Detector == detector)?.Level ?? IntegrityLevel.NoAnomaly;
        return (IntegrityLevel)Math.Max((int)current, (int)latched);
    }

    /// <summary>The effective overall level (patent ¶120-127).</summary>
    public IntegrityLevel Level => Detectors.InOrder.Select(LevelOf).DefaultIfEmpty(IntegrityLevel.NoAnomaly).Max();

    /// <summary>The effective detector bitmap: every detector at anomaly or worse.</summary>
    public DetectorFlags Bitmap
    {
        get
        {
            var flags = DetectorFlags.None;
            foreach (var d in Detectors.InOrder)
            {
                if (LevelOf(d) >= IntegrityLevel.Anomaly)
                {
                    flags |= d;
                }
            }

            return flags;
        }
    }

    /// <summary>
    /// The detector classes this scan evaluated (the compact report's coverage, Docs/formats.md): those
    /// that checked everything or part of what they watch. A detector that was not required, could not
    /// read its capability, or was given nothing to check by the policy is left out: its "no anomaly"
    /// says nothing.
    /// </summary>
    public DetectorFlags Coverage
    {
        get
        {
            var flags = DetectorFlags.None;
            foreach (var r in Results)
            {
                if (r.Covered)
                {
                    flags |= r.Detector;
                }
            }

            return flags;
        }
    }

    /// <summary>The detector classes this scan did not evaluate (the complement of <see cref="Coverage"/>).</summary>
    public DetectorFlags Uncovered => Detectors.All & ~Coverage;
}
