using System.Globalization;

namespace Hardware.Processes;

/// <summary>
/// The names of the Linux capability bits, CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40)
/// (include/uapi/linux/capability.h; capabilities(7)), for /proc/[pid]/status CapEff sets.
/// </summary>
public static class LinuxCapabilityNames
{
    private static readonly string[] Table =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The name of capability bit <paramref name="bit"/> ("CAP_41" and so on for bits newer than this table).</summary>
    public static string Name(int bit) =>
        bit >= 0 && bit < Table.Length ? Table[bit] : "CAP_" + bit.ToString(CultureInfo.InvariantCulture);

    /// <summary>The bit of a capability name (CAP_SYS_RAWIO, or CAP_n), or null.</summary>
    public static int? Bit(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = Array.IndexOf(Table, name);
        if (i >= 0)
        {
            return i;
        }

        return name.StartsWith("CAP_", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 64 ? n : null;
    }

    /// <summary>The names of every bit set in a capability set, lowest bit first.</summary>
    public static IReadOnlyList<string> Of(ulong set)
    {
        var list = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            if ((set & (1UL << bit)) != 0)
            {
                list.Add(Name(bit));
            }
        }

        return list;
    }
}
