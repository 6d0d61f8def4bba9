using Hardware.Network;
using Hardware.Processes;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// What detectors remember between scans: the last event sequence read from each board log, and
/// the previous process snapshot and interface counters (two readings give CPU use and
/// throughput). The crash and tamper cursors persist across restarts (their logs do).
/// </summary>
public sealed class ScanCursors
{
    /// <summary>Last memory fault read.</summary>
    public long MemoryFault { get; set; }

    /// <summary>Last security-policy event read.</summary>
    public long PolicyEvent { get; set; }

    /// <summary>Last firewall drop read.</summary>
    public long FirewallDrop { get; set; }

    /// <summary>Last crash log entry read (persisted).</summary>
    public long Crash { get; set; }

    /// <summary>Last tamper event read (persisted).</summary>
    public long Tamper { get; set; }

    /// <summary>Whether the reset reason of this start has been reported.</summary>
    public bool ResetReasonReported { get; set; }

    /// <summary>The previous process snapshot.</summary>
    public ProcessSnapshot? Processes { get; set; }

    /// <summary>The previous interface counters by interface.</summary>
    public Dictionary<string, InterfaceCounters> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>The firewall rule counters of the last baseline-setting scan, by rule name.</summary>
    public Dictionary<string, FirewallRuleCounter> FirewallCounters { get; } = new(StringComparer.Ordinal);
}
