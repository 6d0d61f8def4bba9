using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Task-manager anomalies (patent ¶100): an expected process whose CPU use since the previous
/// scan lies outside its [min, max] range is an anomaly (ranged evidence). The first scan only
/// takes the baseline snapshot.
/// </summary>
public sealed class TaskManagerDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.TaskManager;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Processes;
        if (now is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "process table");
        }

        if (context.Policy.ExpectedProcesses.Count == 0)
        {
            return DetectorResult.NotConfigured(Detector, "expected processes with CPU ranges");
        }

        var evidence = new List<Evidence>();
        var before = context.Cursors.Processes;
        if (before is not null && now.Time > before.Time)
        {
            var use = now.CpuUseSince(before);
            foreach (var expected in context.Policy.ExpectedProcesses)
            {
                foreach (var p in now.Processes.Where(p => p.Name == expected.Name))
                {
                    if (use.TryGetValue(p.Pid, out var cpu) && (cpu < expected.CpuMin || cpu > expected.CpuMax))
                    {
                        evidence.Add(new Evidence("taskmanager.cpu", p.Name, IntegrityLevel.Anomaly,
                            $"pid {p.Pid} used {cpu:F3} of a core, expected {expected.CpuMin:F3}..{expected.CpuMax:F3}", cpu, expected.CpuMin, expected.CpuMax));
                    }
                }
            }
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }
}
