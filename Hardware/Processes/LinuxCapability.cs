namespace Hardware.Processes;

/// <summary>
/// Bit numbers of the Linux capabilities the integrity detection function cares about
/// (include/uapi/linux/capability.h; capabilities(7)). The patent's examples (¶96) are
/// mapping physical memory (CAP_SYS_RAWIO) and switching user id (CAP_SETUID).
/// </summary>
public enum LinuxCapability
{
    /// <summary>CAP_CHOWN (0).</summary>
    Chown = 0,

    /// <summary>CAP_DAC_OVERRIDE (1).</summary>
    DacOverride = 1,

    /// <summary>CAP_KILL (5).</summary>
    Kill = 5,

    /// <summary>CAP_SETGID (6).</summary>
    SetGid = 6,

    /// <summary>CAP_SETUID (7): switch user id.</summary>
    SetUid = 7,

    /// <summary>CAP_NET_BIND_SERVICE (10).</summary>
    NetBindService = 10,

    /// <summary>CAP_NET_ADMIN (12).</summary>
    NetAdmin = 12,

    /// <summary>CAP_NET_RAW (13).</summary>
    NetRaw = 13,

    /// <summary>CAP_IPC_LOCK (14).</summary>
    IpcLock = 14,

    /// <summary>CAP_SYS_MODULE (16).</summary>
    SysModule = 16,

    /// <summary>CAP_SYS_RAWIO (17): raw I/O, map physical memory (/dev/mem).</summary>
    SysRawIo = 17,

    /// <summary>CAP_SYS_PTRACE (19).</summary>
    SysPtrace = 19,

    /// <summary>CAP_SYS_ADMIN (21).</summary>
    SysAdmin = 21,

    /// <summary>CAP_SYS_BOOT (22).</summary>
    SysBoot = 22,

    /// <summary>CAP_SYS_TIME (25).</summary>
    SysTime = 25,
}
