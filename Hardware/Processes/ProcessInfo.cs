namespace Hardware.Processes;

/// <summary>One process (or task, on an RTOS board) in a process table snapshot.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Name">Short name (Linux comm).</param>
/// <param name="ExecutablePath">Path of the executable, or empty when the board cannot tell (kernel threads, no permission).</param>
/// <param name="User">User name, or the uid as text when it has no name.</param>
/// <param name="Uid">Real user id.</param>
/// <param name="EffectiveCapabilities">Effective capability bits (Linux CapEff; bit numbers from capability.h).</param>
/// <param name="ParentPid">Parent process id (0 for none).</param>
/// <param name="State">Scheduler state.</param>
/// <param name="CpuTime">CPU time used so far (user plus system).</param>
public sealed record ProcessInfo(
    int Pid,
    string Name,
    string ExecutablePath,
    string User,
    int Uid,
    ulong EffectiveCapabilities,
    int ParentPid,
    ProcessState State,
    TimeSpan CpuTime)
{
    /// <summary>True when the process runs as root or holds any effective capability.</summary>
    public bool IsPrivileged => Uid == 0 || EffectiveCapabilities != 0;

    /// <summary>True when the effective set holds this capability.</summary>
    public bool HasCapability(LinuxCapability capability) =>
        (EffectiveCapabilities & (1UL << (int)capability)) != 0;
}
