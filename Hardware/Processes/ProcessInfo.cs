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
/// <param name="NoNewPrivileges">Linux no_new_privs (prctl PR_SET_NO_NEW_PRIVS), when the board can tell.</param>
/// <param name="SeccompMode">Linux seccomp mode (0 disabled, 1 strict, 2 filter), when the board can tell.</param>
/// <param name="EffectiveUid">Effective user id, when the board can tell (a set-user-id gain shows here, not in <paramref name="Uid"/>).</param>
public sealed record ProcessInfo(
    int Pid,
    string Name,
    string ExecutablePath,
    string User,
    int Uid,
    ulong EffectiveCapabilities,
    int ParentPid,
    ProcessState State,
    TimeSpan CpuTime,
    bool? NoNewPrivileges = null,
    int? SeccompMode = null,
    int? EffectiveUid = null)
{
    /// <summary>True when the process runs as root or holds any effective capability.</summary>
    public bool IsPrivileged => Uid == 0 || EffectiveUid == 0 || EffectiveCapabilities != 0;

    /// <summary>True for a Linux kernel thread (kthreadd, pid 2, or one of its children): no user-space executable.</summary>
    public bool IsKernelThread => Pid == 2 || ParentPid == 2;

    /// <summary>True when the effective set holds this capability.</summary>
    public bool HasCapability(LinuxCapability capability) =>
        (EffectiveCapabilities & (1UL << (int)capability)) != 0;
}
