using Hardware.Memory;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Memory violations (patent ¶97): stack guard or canary overwritten, heap guard hit, write to a
/// read-only region and execution from non-executable memory are high anomalies; an access to an
/// invalid page is an anomaly; heap use is ranged (¶126) against the policy's fractions.
/// </summary>
public sealed class MemoryDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Memory;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stats = context.Board.Memory;
        var faults = context.Board.MemoryFaults;
        if (stats is null && faults is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "memory statistics or fault log");
        }

        var evidence = new List<Evidence>();
        var status = DetectorStatus.Checked;
        if (faults is null)
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("memory.fault-log", "board", IntegrityLevel.NoAnomaly, "no memory-fault log on this board: faults not checked"));
        }
        else
        {
            foreach (var f in faults.ReadSince(context.Cursors.MemoryFault))
            {
                context.Cursors.MemoryFault = Math.Max(context.Cursors.MemoryFault, f.Sequence);
                var level = f.Kind == MemoryFaultKind.InvalidPage ? IntegrityLevel.Anomaly : IntegrityLevel.HighAnomaly;
                var address = f.Address is { } a ? $" at 0x{a:X}" : "";
                evidence.Add(new Evidence("memory." + f.Kind, f.Task, level, $"{f.Kind} in {f.Task}{address}"));
            }
        }

        if (stats is null)
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("memory.statistics", "board", IntegrityLevel.NoAnomaly, "no memory statistics on this board: heap not checked"));
        }
        else
        {
            var s = stats.Read();
            var used = s.UsedFraction;
            var p = context.Policy;
            var level = used >= p.HeapHighFraction ? IntegrityLevel.HighAnomaly : used >= p.HeapAnomalyFraction ? IntegrityLevel.Anomaly : IntegrityLevel.NoAnomaly;
            if (level != IntegrityLevel.NoAnomaly)
            {
                evidence.Add(new Evidence("memory.heap", "heap", level, $"{used:P1} of {s.HeapTotalBytes} bytes in use", used, p.HeapAnomalyFraction, p.HeapHighFraction));
            }
        }

        return DetectorResult.From(Detector, status, evidence);
    }
}
