using System.Globalization;
using Hardware.Memory;
using Hardware.Processes;
using Hardware.Reset;
using Hardware.Storage;

namespace Hardware.Linux;

/// <summary>
/// Ends of the monitored processes, from the kernel's process events (<see cref="ProcConnector"/>):
/// every end of a watched process is a crash-log entry (killed by a signal, or exited with a status:
/// a monitored process is meant to run for the life of the vehicle), and an end by SIGSEGV or SIGBUS
/// (<see cref="MemoryFaultKind.AccessViolation"/>) or SIGABRT (<see cref="MemoryFaultKind.Abort"/>,
/// which includes glibc's stack-protector and heap-check aborts) is also a memory fault.
/// <para>
/// What it sees: every process on the machine, whoever started it, with the kernel's wait status
/// (signal number, core-dump flag, exit status). What it cannot see: which kind of memory fault
/// raised the SIGSEGV (siginfo's si_code reaches only the process or a ptrace tracer), whether a
/// SIGABRT came from the stack protector or an assertion (glibc writes that to the process's own
/// stderr), faults a process survives (a handled SIGSEGV), and a watched process that execs and ends
/// before its exec event is read (the restart check of the crash detector covers it from the process
/// table). Events the kernel drops when the socket buffer overflows (ENOBUFS) are reported as a crash
/// entry "events lost", never silently. Needs CAP_NET_ADMIN (see <see cref="ProcConnector"/>).
/// </para>
/// Sequences continue across restarts (<see cref="SequenceEpoch"/>); each log keeps the newest 256 entries.
/// </summary>
public sealed class ProcessExitLog : IMemoryFaultLog, IResetInfo, IProcessWatch, IDisposable
{
    private const int Capacity = 256;
    private const string EpochKey = "linux.exits.epoch";
    private readonly ProcConnector _connector;
    private readonly TimeProvider _time;
    private readonly string _procRoot;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _watched = [];
    private readonly List<MemoryFault> _faults = [];
    private readonly List<CrashLogEntry> _crashes = [];
    private readonly Thread _reader;
    private HashSet<string> _names = new(StringComparer.Ordinal);
    private long _sequence;
    private volatile bool _stopping;

    private ProcessExitLog(ProcConnector connector, IDurableStore store, TimeProvider time, string procRoot)
    {
        _connector = connector;
        _time = time;
        _procRoot = procRoot;
        _sequence = SequenceEpoch.Begin(store, EpochKey);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "proc-connector" };
        _reader.Start();
    }

    /// <summary>Opens the log, or explains in <paramref name="problem"/> why the kernel refused it.</summary>
    public static ProcessExitLog? TryOpen(IDurableStore store, TimeProvider time, string procRoot, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        try
        {
            var connector = ProcConnector.Open();
            problem = null;
            return new ProcessExitLog(connector, store, time, procRoot);
        }
        catch (IOException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <inheritdoc />
    public ResetReason LastResetReason => ResetReason.Unknown;

    /// <inheritdoc />
    public void Watch(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (_lock)
        {
            _names = new HashSet<string>(names, StringComparer.Ordinal);
            _watched.Clear();
            foreach (var dir in Directory.EnumerateDirectories(_procRoot))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Comm(pid) is { } comm && _names.Contains(comm))
                {
                    _watched[pid] = comm;
                }
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<MemoryFault> ReadSince(long afterSequence)
    {
        lock (_lock)
        {
            DrainLocked();
            return _faults.Where(f => f.Sequence > afterSequence).ToList();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<CrashLogEntry> ReadCrashLog(long afterSequence)
    {
        lock (_lock)
        {
            DrainLocked();
            return _crashes.Where(c => c.Sequence > afterSequence).ToList();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _reader.Join();
        _connector.Dispose();
    }

    /// <summary>The name and meaning of a signal number (signal(7), x86 and arm numbering).</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        31 => "SIGSYS",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };

    private void ReadLoop()
    {
        while (!_stopping)
        {
            if (_connector.WaitReadable(200))
            {
                lock (_lock)
                {
                    DrainLocked();
                }
            }
        }
    }

    private void DrainLocked()
    {
        if (!_connector.Drain(OnEvent))
        {
            AddCrash("(process events)", ResetReason.Unknown, "process events were lost (the kernel's socket buffer overflowed): an end of a monitored process may be missing");
        }
    }

    private void OnEvent(ProcConnector.Event e)
    {
        switch (e.Kind)
        {
            case ProcConnector.EventKind.Fork when e.Pid == e.Tgid && _watched.TryGetValue(e.ParentTgid, out var parentName):
                _watched[e.Tgid] = parentName;
                break;
            case ProcConnector.EventKind.Exec when e.Pid == e.Tgid:
                Follow(e.Tgid, Comm(e.Tgid));
                break;
            case ProcConnector.EventKind.Comm when e.Pid == e.Tgid:
                Follow(e.Tgid, e.Comm);
                break;
            case ProcConnector.EventKind.Exit when e.Pid == e.Tgid:
                // A zombie still has its comm until it is reaped: try it for a process whose exec was not seen.
                var name = _watched.Remove(e.Tgid, out var n) ? n : Comm(e.Tgid) is { } c && _names.Contains(c) ? c : null;
                if (name is not null)
                {
                    Ended(e.Tgid, name, e.ExitCode);
                }

                break;
        }
    }

    private void Follow(int tgid, string? comm)
    {
        if (comm is not null && _names.Contains(comm))
        {
            _watched[tgid] = comm;
        }
        else
        {
            _watched.Remove(tgid);
        }
    }

    // wait(2) status: low 7 bits the terminating signal (0 for a normal exit), bit 7 core dumped, bits 8-15 the exit status.
    private void Ended(int pid, string name, uint status)
    {
        var signal = (int)(status & 0x7F);
        if (signal == 0)
        {
            AddCrash(name, ResetReason.Software, $"exited with status {(status >> 8) & 0xFF} (pid {pid})");
            return;
        }

        var core = (status & 0x80) != 0 ? ", core dumped" : "";
        AddCrash(name, ResetReason.Panic, $"killed by {SignalName(signal)} (pid {pid}{core})");
        MemoryFaultKind? kind = signal switch
        {
            11 or 7 => MemoryFaultKind.AccessViolation,
            6 => MemoryFaultKind.Abort,
            _ => null,
        };
        if (kind is { } k)
        {
            Bounded(_faults, new MemoryFault(++_sequence, _time.GetUtcNow(), k, name, pid, null));
        }
    }

    private void AddCrash(string task, ResetReason reason, string detail) =>
        Bounded(_crashes, new CrashLogEntry(++_sequence, _time.GetUtcNow(), task, reason, detail));

    private static void Bounded<T>(List<T> list, T item)
    {
        list.Add(item);
        if (list.Count > Capacity)
        {
            list.RemoveAt(0);
        }
    }

    private string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "comm")).TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
