using Hardware.Processes;

namespace Hardware.Simulated;

/// <summary>
/// The simulated board's process table. Each process has a CPU use (fraction of one core) that
/// accumulates CPU time as the board's TimeProvider advances. Fault injection starts, kills and
/// changes processes. Thread-safe.
/// </summary>
public sealed class SimulatedProcessTable : IProcessTable
{
    private readonly TimeProvider _time;
    private readonly Dictionary<int, Entry> _processes = [];
    private readonly Lock _lock = new();
    private int _nextPid = 100;

    /// <summary>Creates an empty table.</summary>
    public SimulatedProcessTable(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc />
    public ProcessSnapshot Capture()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return new ProcessSnapshot(now, _processes.Values.OrderBy(e => e.Info.Pid).Select(e => e.At(now)).ToList());
        }
    }

    /// <summary>Starts a process; returns its pid.</summary>
    public int Start(string name, string executablePath, string user, int uid, ulong capabilities = 0, double cpuUse = 0, int parentPid = 1, int? pid = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(executablePath);
        ArgumentException.ThrowIfNullOrEmpty(user);
        CheckCpu(cpuUse);
        lock (_lock)
        {
            var id = pid ?? _nextPid++;
            if (_processes.ContainsKey(id))
            {
                throw new ArgumentException($"Pid {id} is in use.", nameof(pid));
            }

            _processes[id] = new Entry(
                new ProcessInfo(id, name, executablePath, user, uid, capabilities, parentPid, ProcessState.Sleeping, TimeSpan.Zero),
                cpuUse, _time.GetUtcNow());
            return id;
        }
    }

    /// <summary>Kills a process; returns false when there was none.</summary>
    public bool Kill(int pid)
    {
        lock (_lock)
        {
            return _processes.Remove(pid);
        }
    }

    /// <summary>The pid of the first process with this name, or null.</summary>
    public int? PidOf(string name)
    {
        lock (_lock)
        {
            return _processes.Values.Where(e => e.Info.Name == name).Select(e => (int?)e.Info.Pid).Min();
        }
    }

    /// <summary>Changes a process's user and uid.</summary>
    public void SetUser(int pid, string user, int uid) => Update(pid, (e, _) => e with { Info = e.Info with { User = user, Uid = uid } });

    /// <summary>Changes a process's effective capabilities.</summary>
    public void SetCapabilities(int pid, ulong capabilities) =>
        Update(pid, (e, _) => e with { Info = e.Info with { EffectiveCapabilities = capabilities } });

    /// <summary>Sets a process's CPU use from now on (fraction of one core, 0..cores).</summary>
    public void SetCpuUse(int pid, double cpuUse)
    {
        CheckCpu(cpuUse);
        Update(pid, (e, now) => new Entry(e.At(now), cpuUse, now));
    }

    private void Update(int pid, Func<Entry, DateTimeOffset, Entry> change)
    {
        lock (_lock)
        {
            if (!_processes.TryGetValue(pid, out var e))
            {
                throw new ArgumentException($"No process {pid}.", nameof(pid));
            }

            _processes[pid] = change(e, _time.GetUtcNow());
        }
    }

    private static void CheckCpu(double cpuUse)
    {
        if (!(cpuUse >= 0 && cpuUse <= 64))
        {
            throw new ArgumentOutOfRangeException(nameof(cpuUse), "CPU use is a fraction of one core, 0 to 64.");
        }
    }

    private sealed record Entry(ProcessInfo Info, double CpuUse, DateTimeOffset Since)
    {
        public ProcessInfo At(DateTimeOffset now) => Info with
        {
            CpuTime = Info.CpuTime + ((now - Since) * CpuUse),
            State = CpuUse > 0 ? ProcessState.Running : ProcessState.Sleeping,
        };
    }
}
