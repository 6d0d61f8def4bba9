using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Process anomalies (patent ¶99): an expected process missing is an anomaly; an unexpected
/// process (when the policy reports them), an expected one under the wrong user, with privilege
/// it may not have, or running another executable is a high anomaly. Kernel threads are never
/// "unexpected". A policy with no expected processes that does not report unexpected ones gives this
/// detector nothing to check (not in the coverage).
/// </summary>
public sealed class ProcessDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.Process;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = context.Processes;
        if (snapshot is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "process table");
        }

        var policy = context.Policy;
        if (policy.ExpectedProcesses.Count == 0 && !policy.ReportUnexpectedProcesses)
        {
            return DetectorResult.NotConfigured(Detector, "expected processes and does not report unexpected ones");
        }

        var evidence = new List<Evidence>();
        foreach (var expected in policy.ExpectedProcesses)
        {
            var running = snapshot.Processes.Where(p => p.Name == expected.Name).ToList();
            if (running.Count == 0)
            {
                evidence.Add(new Evidence("process.missing", expected.Name, IntegrityLevel.Anomaly, $"expected process {expected.Name} is not running"));
                continue;
            }

            foreach (var p in running)
            {
                if (p.User != expected.User || p.Uid != expected.Uid)
                {
                    evidence.Add(new Evidence("process.user", p.Name, IntegrityLevel.HighAnomaly,
                        $"pid {p.Pid} runs as {p.User} ({p.Uid}), expected {expected.User} ({expected.Uid})"));
                }
                else if (p.IsPrivileged && !expected.MayBePrivileged)
                {
                    evidence.Add(new Evidence("process.privilege", p.Name, IntegrityLevel.HighAnomaly,
                        $"pid {p.Pid} holds privilege (capabilities 0x{p.EffectiveCapabilities:X}) it may not have"));
                }

                if (expected.ExecutablePath.Length > 0 && p.ExecutablePath.Length > 0 && p.ExecutablePath != expected.ExecutablePath)
                {
                    evidence.Add(new Evidence("process.executable", p.Name, IntegrityLevel.HighAnomaly,
                        $"pid {p.Pid} runs {p.ExecutablePath}, expected {expected.ExecutablePath}"));
                }
            }
        }

        if (policy.ReportUnexpectedProcesses)
        {
            foreach (var p in snapshot.Processes)
            {
                // Kernel threads (children of kthreadd) are the kernel's, not a user-space process anomaly.
                if (!p.IsKernelThread && !policy.ExpectedProcesses.Any(e => e.Name == p.Name) && !policy.ToleratedProcesses.Contains(p.Name))
                {
                    evidence.Add(new Evidence("process.unexpected", p.Name, IntegrityLevel.HighAnomaly,
                        $"unexpected process pid {p.Pid} {p.ExecutablePath} as {p.User} ({p.Uid})"));
                }
            }
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }
}
