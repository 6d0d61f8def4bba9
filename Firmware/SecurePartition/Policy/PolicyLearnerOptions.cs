namespace Firmware.SecurePartition.Policy;

/// <summary>The margins a learned policy gets over what was observed.</summary>
public sealed record PolicyLearnerOptions
{
    /// <summary>An expected process's CPU maximum is the largest use seen times this (default 3).</summary>
    public double CpuMargin { get; init; } = 3;

    /// <summary>Lowest CPU maximum (fraction of one core, default 0.1): idle processes may wake up.</summary>
    public double CpuFloor { get; init; } = 0.1;

    /// <summary>An interface's anomaly threshold x is the largest rate seen times this (default 4).</summary>
    public double ThroughputMargin { get; init; } = 4;

    /// <summary>Lowest anomaly threshold x (default 64 KiB/s): an interface idle while learning may still carry some traffic.</summary>
    public double ThroughputFloorBytesPerSecond { get; init; } = 64 * 1024;

    /// <summary>The high-anomaly threshold y is x times this (default 8).</summary>
    public double ThroughputHighFactor { get; init; } = 8;

    /// <summary>First port of the ephemeral range (Linux net.ipv4.ip_local_port_range default 32768-60999).</summary>
    public int EphemeralPortsFrom { get; init; } = 32768;

    /// <summary>Which processes to learn (default: every user-space process).</summary>
    public Func<Hardware.Processes.ProcessInfo, bool> Include { get; init; } = static _ => true;

    /// <summary>Scan period of the candidate (default 10 s).</summary>
    public TimeSpan ScanPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> for margins below 1 or floors below 0.</summary>
    public void Validate()
    {
        if (CpuMargin < 1 || CpuFloor is < 0 or > 64 || ThroughputMargin < 1 || ThroughputFloorBytesPerSecond <= 0 || ThroughputHighFactor < 1
            || EphemeralPortsFrom is < 1 or > 65535)
        {
            throw new ArgumentException("Learning margins are at least 1, floors positive, the ephemeral range starts at 1..65535.");
        }
    }
}
