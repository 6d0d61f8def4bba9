namespace Firmware.SecurePartition.Policy;

/// <summary>A process the policy expects to run (patent ¶99: unexpected, missing, wrong privilege; ¶100: CPU use).</summary>
/// <param name="Name">Process name (Linux comm).</param>
/// <param name="ExecutablePath">Expected executable path, or empty for any.</param>
/// <param name="User">Expected user name.</param>
/// <param name="Uid">Expected user id.</param>
/// <param name="MayBePrivileged">Whether it may run as root or hold capabilities.</param>
/// <param name="CpuMin">Lowest expected CPU use (fraction of one core).</param>
/// <param name="CpuMax">Highest expected CPU use (fraction of one core).</param>
/// <param name="RequireNoNewPrivileges">Linux: it must run with no_new_privs set (NoNewPrivs: 1 in /proc/PID/status).</param>
/// <param name="MinimumSeccompMode">Linux: the lowest seccomp mode it may run under (0 none, 1 strict, 2 filter).</param>
/// <param name="MayMapWritableExecutable">Linux: it may hold writable-and-executable mappings (a JIT that does not keep W^X).</param>
public sealed record ExpectedProcess(string Name, string ExecutablePath, string User, int Uid, bool MayBePrivileged, double CpuMin, double CpuMax,
    bool RequireNoNewPrivileges = false, int MinimumSeccompMode = 0, bool MayMapWritableExecutable = false);
