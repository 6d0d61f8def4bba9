using Hardware.Policy;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// Security-policy violations (patent ¶96): an IPC attachment not in the policy's allow-list is
/// an anomaly; a privileged capability use (mapping physical memory, switching uid) not allowed
/// is a high anomaly. Reads the board's security-policy log from the last event seen.
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
        if (log is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "security-policy log");
        }

        var evidence = new List<Evidence>();
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

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }
}
