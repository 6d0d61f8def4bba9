using Firmware.SecurePartition.Policy;
using Hardware.Processes;

namespace Firmware.SecurePartition.Detection;

/// <summary>The policy's monitored processes (its expected processes) as they run in one scan's snapshot.</summary>
public static class MonitoredProcesses
{
    /// <summary>Every running process that matches an expected process by name, with its policy entry.</summary>
    public static IReadOnlyList<(ExpectedProcess Expected, ProcessInfo Process)> Running(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Processes is not { } snapshot || context.Policy.ExpectedProcesses.Count == 0)
        {
            return [];
        }

        var byName = context.Policy.ExpectedProcesses.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return snapshot.Processes.Where(p => byName.ContainsKey(p.Name)).Select(p => (byName[p.Name], p)).ToList();
    }

    /// <summary>
    /// Whether the board shows the security state of its processes (Linux /proc/PID/status: NoNewPrivs,
    /// Seccomp, effective uid); then the capabilities a process holds are judged, not only those it uses.
    /// </summary>
    public static bool StatusVisible(ProcessInfo process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return process.NoNewPrivileges is not null;
    }
}
