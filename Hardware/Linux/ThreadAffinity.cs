using System.Runtime.InteropServices;

namespace Hardware.Linux;

/// <summary>
/// Which CPUs the calling thread may run on, and binding it to one (sched_getaffinity(2), sched_setaffinity(2) with
/// pid 0: the calling thread only, not the process). What a receiver whose workers each keep one core busy uses so
/// that the scheduler does not stack two of them on one core while another idles (Benchmarks/Firmware/README.md,
/// "Issue 10, all cores: where the workers' time goes"). On another OS, or when the call fails, nothing is bound.
/// </summary>
public static partial class ThreadAffinity
{
    // cpu_set_t of glibc: 1,024 CPUs.
    private const int MaskWords = 16;

    /// <summary>The CPUs the calling thread may run on, ascending; empty when it cannot be read (another OS).</summary>
    public static IReadOnlyList<int> AllowedCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        Span<ulong> mask = stackalloc ulong[MaskWords];
        if (GetAffinity(0, MaskWords * sizeof(ulong), ref MemoryMarshal.GetReference(mask)) != 0)
        {
            return [];
        }

        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>Binds the calling thread to <paramref name="cpu"/>; false when it could not (another OS, a CPU it may not use).</summary>
    public static bool TryBindCurrentThread(int cpu) => TrySetCurrentThread([cpu]);

    /// <summary>
    /// Lets the calling thread run on <paramref name="cpus"/> (a set <see cref="AllowedCpus"/> returned: to undo a
    /// binding); false when it could not (another OS, an empty set, a CPU outside the mask or one it may not use).
    /// </summary>
    public static bool TrySetCurrentThread(IReadOnlyList<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        if (!OperatingSystem.IsLinux() || cpus.Count == 0)
        {
            return false;
        }

        Span<ulong> mask = stackalloc ulong[MaskWords];
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= MaskWords * 64)
            {
                return false;
            }

            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        return SetAffinity(0, MaskWords * sizeof(ulong), ref MemoryMarshal.GetReference(mask)) == 0;
    }

    /// <summary>
    /// Whether the calling thread runs under a real-time scheduling policy (SCHED_FIFO, SCHED_RR or SCHED_DEADLINE,
    /// sched_getscheduler(2)); false on another OS or when it cannot be read.
    /// </summary>
    public static bool CurrentThreadIsRealTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // sched.h: SCHED_FIFO 1, SCHED_RR 2, SCHED_DEADLINE 6 (SCHED_OTHER 0, SCHED_BATCH 3, SCHED_IDLE 5).
        return GetScheduler(0) is 1 or 2 or 6;
    }

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int GetAffinity(int pid, nuint size, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int pid, nuint size, ref ulong mask);
}
