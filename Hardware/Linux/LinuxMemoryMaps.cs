using Hardware.Memory;

namespace Hardware.Linux;

/// <summary>
/// Mappings from /proc/[pid]/maps. Reading another user's process needs ptrace read access
/// (PTRACE_MODE_READ_FSCREDS, proc(5)): the same uid, or CAP_SYS_PTRACE; otherwise the read is
/// refused and reported as such (never as "no mappings").
/// </summary>
public sealed class LinuxMemoryMaps : IMemoryMappings
{
    private readonly string _procRoot;

    /// <summary>Reads under a procfs root (normally /proc).</summary>
    public LinuxMemoryMaps(string procRoot = "/proc")
    {
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        _procRoot = procRoot;
    }

    /// <inheritdoc />
    public IReadOnlyList<MemoryMapping>? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(_procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "maps"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException) when (!Directory.Exists(Path.Combine(_procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            // ESRCH while reading: the process ended.
            return null;
        }

        return ProcFs.ParseMaps(text);
    }
}
