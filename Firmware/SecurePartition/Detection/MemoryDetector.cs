using Hardware.Memory;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Memory violations (patent ¶97): stack guard or canary overwritten, heap guard hit, write to a
/// read-only region, execution from non-executable memory, and (Linux) an end by SIGSEGV, SIGBUS or
/// SIGABRT are high anomalies; an access to an invalid page is an anomaly; heap use is ranged (¶126)
/// against the policy's fractions. Where the board shows process mappings (Linux /proc/PID/maps), a
/// monitored process holding a writable-and-executable mapping is a high anomaly unless its policy entry
/// allows it (a JIT that does not keep W^X).
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
        var maps = context.Board.MemoryMappings;
        if (stats is null && faults is null && maps is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "memory statistics, fault log or process mappings");
        }

        var evidence = new List<Evidence>();
        var status = DetectorStatus.Checked;
        if (faults is null)
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("memory.fault-log", "board", IntegrityLevel.NoAnomaly, "no memory-fault log on this board: faults not checked"));
        }
        else if (context.Board.ProcessWatch is not null && context.Policy.ExpectedProcesses.Count == 0)
        {
            // The Linux fault log follows only the monitored processes: with none, it watches nothing.
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("memory.fault-log", "policy", IntegrityLevel.NoAnomaly, "the policy names no monitored processes: abnormal ends not checked"));
        }
        else
        {
            foreach (var f in faults.ReadSince(context.Cursors.MemoryFault))
            {
                context.Cursors.MemoryFault = Math.Max(context.Cursors.MemoryFault, f.Sequence);
                var level = f.Kind == MemoryFaultKind.InvalidPage ? IntegrityLevel.Anomaly : IntegrityLevel.HighAnomaly;
                var address = f.Address is { } a ? $" at 0x{a:X}" : "";
                var pid = f.Pid is { } p ? $" (pid {p})" : "";
                evidence.Add(new Evidence("memory." + f.Kind, f.Task, level, $"{f.Kind} in {f.Task}{pid}{address}"));
            }
        }

        if (maps is not null)
        {
            if (context.Policy.ExpectedProcesses.Count == 0)
            {
                status = DetectorStatus.Partial;
                evidence.Add(new Evidence("memory.mappings", "policy", IntegrityLevel.NoAnomaly, "the policy names no monitored processes: mappings not checked"));
            }

            foreach (var (expected, p) in MonitoredProcesses.Running(context))
            {
                CheckMappings(maps, expected.MayMapWritableExecutable, p, evidence);
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

    private static void CheckMappings(IMemoryMappings maps, bool allowed, Hardware.Processes.ProcessInfo p, List<Evidence> evidence)
    {
        IReadOnlyList<MemoryMapping>? list;
        try
        {
            list = maps.Read(p.Pid);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            evidence.Add(new Evidence("memory.mappings-unreadable", p.Name, IntegrityLevel.Anomaly, $"pid {p.Pid}: mappings cannot be read ({e.Message}): cannot be checked"));
            return;
        }

        // W^X: a page both writable and executable lets the process (or an attacker in it) write code and run it.
        var wx = list?.Where(m => m.IsWritableAndExecutable).ToList() ?? [];
        if (wx.Count > 0 && !allowed)
        {
            var first = wx[0];
            evidence.Add(new Evidence("memory.wx", p.Name, IntegrityLevel.HighAnomaly,
                $"pid {p.Pid} has {wx.Count} writable-and-executable mapping(s), first 0x{first.Start:x}-0x{first.End:x} {(first.Path.Length == 0 ? "anonymous" : first.Path)}"));
        }
    }
}
