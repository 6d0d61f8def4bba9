using System.Globalization;
using Hardware.Processes;

namespace Hardware.Linux;

/// <summary>The process table from /proc/[pid]/stat, status and exe.</summary>
public sealed class LinuxProcessTable : IProcessTable
{
    private readonly string _procRoot;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<int, string> _users;

    /// <summary>Reads processes under a procfs root (normally /proc); user names from an /etc/passwd file.</summary>
    public LinuxProcessTable(TimeProvider time, string procRoot = "/proc", string passwdPath = "/etc/passwd")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        _time = time;
        _procRoot = procRoot;
        _users = ReadUsers(passwdPath);
    }

    /// <inheritdoc />
    public ProcessSnapshot Capture()
    {
        var now = _time.GetUtcNow();
        var list = new List<ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories(_procRoot))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var info = ReadProcess(dir, pid);
            if (info is not null)
            {
                list.Add(info);
            }
        }

        list.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return new ProcessSnapshot(now, list);
    }

    private ProcessInfo? ReadProcess(string dir, int pid)
    {
        // A process may exit between the listing and these reads: skip it.
        var statText = TryRead(Path.Combine(dir, "stat"));
        var statusText = TryRead(Path.Combine(dir, "status"));
        if (statText is null || statusText is null)
        {
            return null;
        }

        var stat = ProcFs.ParseStat(statText);
        var status = ProcFs.ParseStatus(statusText);
        if (stat is null || status is null || stat.Pid != pid)
        {
            return null;
        }

        string exe;
        try
        {
            exe = new FileInfo(Path.Combine(dir, "exe")).LinkTarget ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            exe = string.Empty;
        }

        var user = _users.TryGetValue(status.Uid, out var u) ? u : status.Uid.ToString(CultureInfo.InvariantCulture);
        return new ProcessInfo(pid, stat.Name, exe, user, status.Uid, status.EffectiveCapabilities, stat.ParentPid, stat.State, stat.CpuTime,
            status.NoNewPrivileges, status.SeccompMode, status.EffectiveUid);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<int, string> ReadUsers(string passwdPath)
    {
        var users = new Dictionary<int, string>();
        var text = TryRead(passwdPath);
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            // passwd(5): name:password:UID:GID:GECOS:directory:shell
            var f = line.Split(':');
            if (f.Length >= 3 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                users.TryAdd(uid, f[0]);
            }
        }

        return users;
    }
}
