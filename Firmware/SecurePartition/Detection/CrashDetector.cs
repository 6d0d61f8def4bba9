using Hardware.Reset;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Crashes (patent ¶101): a start after a panic, watchdog or brownout reset, and every crash-log
/// entry (an early or unexpected termination; on Linux every end of a monitored process, with its
/// signal or exit status) since the last one seen are anomalies. The cursor persists, so an old crash
/// is reported once, not at every start. From two process snapshots: a monitored process that now
/// runs under a new pid restarted (an anomaly); without a crash log, one that ended without a
/// successor is an anomaly too.
/// </summary>
public sealed class CrashDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Crash;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reset = context.Board.Reset;
        var monitored = context.Policy.ExpectedProcesses.Count > 0 && context.Processes is not null;

        // A board whose crash log follows only the processes it is told to watch (Linux) watches nothing without them.
        if (context.Board.ProcessWatch is not null && context.Policy.ExpectedProcesses.Count == 0)
        {
            return DetectorResult.NotConfigured(Detector, "monitored processes (the crash log follows only those)");
        }

        if (reset is null && !monitored)
        {
            return context.Processes is not null && context.Policy.ExpectedProcesses.Count == 0
                ? DetectorResult.NotConfigured(Detector, "monitored processes (and the board has no crash log)")
                : DetectorResult.Unavailable(Detector, context.Requires(Detector), "reset reason and crash log");
        }

        var evidence = new List<Evidence>();
        var status = DetectorStatus.Checked;
        if (reset is not null)
        {
            if (!context.Cursors.ResetReasonReported)
            {
                context.Cursors.ResetReasonReported = true;
                if (reset.LastResetReason is ResetReason.Panic or ResetReason.Watchdog or ResetReason.Brownout)
                {
                    evidence.Add(new Evidence("crash.reset", "board", IntegrityLevel.Anomaly, $"started after a {reset.LastResetReason} reset"));
                }
            }

            foreach (var c in reset.ReadCrashLog(context.Cursors.Crash))
            {
                context.Cursors.Crash = Math.Max(context.Cursors.Crash, c.Sequence);
                evidence.Add(new Evidence("crash.termination", c.Task, IntegrityLevel.Anomaly, $"{c.Task} terminated ({c.Reason}) {c.Detail}".TrimEnd()));
            }
        }
        else
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("crash.log", "board", IntegrityLevel.NoAnomaly, "no crash log: how processes ended is not seen, only restarts between scans"));
        }

        if (monitored && context.Cursors.Processes is { } before)
        {
            Restarts(context, before, reset is null, evidence);
        }

        return DetectorResult.From(Detector, status, evidence);
    }

    private static void Restarts(ScanContext context, Hardware.Processes.ProcessSnapshot before, bool reportEnds, List<Evidence> evidence)
    {
        var now = context.Processes!;
        foreach (var name in context.Policy.ExpectedProcesses.Select(e => e.Name).Distinct(StringComparer.Ordinal))
        {
            var old = before.Processes.Where(p => p.Name == name).Select(p => p.Pid).ToHashSet();
            var current = now.Processes.Where(p => p.Name == name).Select(p => p.Pid).ToHashSet();
            var gone = old.Except(current).ToList();
            if (gone.Count == 0)
            {
                continue;
            }

            var successors = current.Except(old).ToList();
            if (successors.Count > 0)
            {
                evidence.Add(new Evidence("crash.restart", name, IntegrityLevel.Anomaly,
                    $"{name} restarted: pid {string.Join(",", gone)} ended, pid {string.Join(",", successors)} runs since the previous scan"));
            }
            else if (reportEnds)
            {
                evidence.Add(new Evidence("crash.ended", name, IntegrityLevel.Anomaly, $"{name} pid {string.Join(",", gone)} ended since the previous scan"));
            }
        }
    }
}
