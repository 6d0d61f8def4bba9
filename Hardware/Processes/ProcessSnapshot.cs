namespace Hardware.Processes;

/// <summary>The process table at one instant, with the time it was taken.</summary>
/// <param name="Time">When the snapshot was taken (the board's TimeProvider).</param>
/// <param name="Processes">Every process the board reports.</param>
public sealed record ProcessSnapshot(DateTimeOffset Time, IReadOnlyList<ProcessInfo> Processes)
{
    /// <summary>
    /// CPU use of each process between an earlier snapshot and this one, as a fraction of one
    /// core (1.0 = one core busy the whole interval). Processes absent from either snapshot,
    /// or whose pid was reused by a different name, are left out.
    /// </summary>
    /// <exception cref="ArgumentException">The earlier snapshot is not earlier.</exception>
    public IReadOnlyDictionary<int, double> CpuUseSince(ProcessSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var interval = Time - earlier.Time;
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The earlier snapshot must be taken before this one.", nameof(earlier));
        }

        var before = earlier.Processes.ToDictionary(p => p.Pid);
        var result = new Dictionary<int, double>();
        foreach (var p in Processes)
        {
            if (before.TryGetValue(p.Pid, out var b) && b.Name == p.Name && p.CpuTime >= b.CpuTime)
            {
                result[p.Pid] = (p.CpuTime - b.CpuTime) / interval;
            }
        }

        return result;
    }
}
