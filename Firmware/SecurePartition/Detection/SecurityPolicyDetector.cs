using Hardware.Policy;
using Hardware.Processes;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Security-policy violations (patent ¶96). From the board's security-policy log (since the last event
/// seen): an IPC attachment not in the policy's allow-list is an anomaly; a privileged capability use
/// (mapping physical memory, switching uid) not allowed is a high anomaly. From the security state of
/// each monitored process, where the board shows it (Linux /proc/PID/status): an effective capability
/// the policy does not allow that process (CapEff), an effective uid other than its expected one, no_new_privs
/// unset where the policy requires it (NoNewPrivs), or a weaker seccomp mode than required (Seccomp) is a
/// high anomaly. A state the board cannot show for a process whose policy entry depends on it is an anomaly.
/// </summary>
public sealed class SecurityPolicyDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.SecurityPolicy;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = context.Board.SecurityPolicy;
        var monitored = MonitoredProcesses.Running(context);
        if (log is null && context.Processes is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "security-policy log or process status");
        }

        if (log is null && context.Policy.ExpectedProcesses.Count == 0)
        {
            return DetectorResult.NotConfigured(Detector, "monitored processes (and the board has no security-policy log)");
        }

        var evidence = new List<Evidence>();
        var status = DetectorStatus.Checked;
        if (log is not null)
        {
            ReadLog(context, log, evidence);
        }
        else
        {
            status = DetectorStatus.Partial;
            evidence.Add(new Evidence("policy.log", "board", IntegrityLevel.NoAnomaly,
                "no security-policy log: IPC attachments and capability uses between scans are not seen, only the state of the monitored processes at each scan"));
        }

        foreach (var (expected, p) in monitored)
        {
            if (!MonitoredProcesses.StatusVisible(p))
            {
                if (log is null && (expected.RequireNoNewPrivileges || expected.MinimumSeccompMode > 0))
                {
                    evidence.Add(new Evidence("policy.status-unreadable", p.Name, IntegrityLevel.Anomaly, $"pid {p.Pid}: the board does not show NoNewPrivs and Seccomp: cannot be checked"));
                }

                continue;
            }

            // capabilities(7): the effective set is what the kernel checks; each bit must be allowed for this process.
            foreach (var cap in LinuxCapabilityNames.Of(p.EffectiveCapabilities))
            {
                if (!context.Policy.AllowedCapabilities.Any(r => r.Process == p.Name && r.Subject == cap))
                {
                    evidence.Add(new Evidence("policy.capability-held", p.Name, IntegrityLevel.HighAnomaly, $"pid {p.Pid} holds {cap} (CapEff 0x{p.EffectiveCapabilities:X}) without permission"));
                }
            }

            if (p.EffectiveUid is { } euid && euid != expected.Uid)
            {
                evidence.Add(new Evidence("policy.uid", p.Name, IntegrityLevel.HighAnomaly, $"pid {p.Pid} runs with effective uid {euid}, expected {expected.Uid}"));
            }

            // prctl(2) PR_SET_NO_NEW_PRIVS: once set it cannot be unset, so a process without it was started without it.
            if (expected.RequireNoNewPrivileges && p.NoNewPrivileges != true)
            {
                evidence.Add(new Evidence("policy.no-new-privs", p.Name, IntegrityLevel.HighAnomaly, $"pid {p.Pid} runs without no_new_privs"));
            }

            // seccomp(2): 0 disabled, 1 strict, 2 filter.
            if (p.SeccompMode is { } mode ? mode < expected.MinimumSeccompMode : expected.MinimumSeccompMode > 0)
            {
                evidence.Add(new Evidence("policy.seccomp", p.Name, IntegrityLevel.HighAnomaly,
                    $"pid {p.Pid} runs under seccomp mode {p.SeccompMode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, expected at least {expected.MinimumSeccompMode}"));
            }
        }

        return DetectorResult.From(Detector, status, evidence);
    }

    private static void ReadLog(ScanContext context, ISecurityPolicyLog log, List<Evidence> evidence)
    {
        foreach (var e in log.ReadSince(context.Cursors.PolicyEvent))
        {
            context.Cursors.PolicyEvent = Math.Max(context.Cursors.PolicyEvent, e.Sequence);
            if (e.Kind == SecurityPolicyEventKind.IpcAttachment)
            {
                if (!context.Policy.AllowedIpc.Any(r => r.Process == e.Process && r.Subject == e.Subject))
                {
                    evidence.Add(new Evidence("policy.ipc", e.Process, IntegrityLevel.Anomaly, $"pid {e.Pid} attached to IPC '{e.Subject}' outside the allow-list"));
                }
            }
            else if (!context.Policy.AllowedCapabilities.Any(r => r.Process == e.Process && r.Subject == e.Subject))
            {
                evidence.Add(new Evidence("policy.capability", e.Process, IntegrityLevel.HighAnomaly, $"pid {e.Pid} used {e.Subject} without permission"));
            }
        }
    }
}
