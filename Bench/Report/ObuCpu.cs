using System.Runtime.InteropServices;

namespace Bench.Report;

/// <summary>
/// The CPU time of one OBU's work in the bench process, measured, not estimated: every OBU's work (its board, secure
/// partition, receive pipeline, sender, radio loops and PKI client) runs in async flows that start under the OBU's
/// account (<see cref="Enter"/> in BenchObu), an <see cref="AsyncLocal{T}"/> that .NET carries into every task,
/// continuation, timer and socket callback started from there. Whenever a thread switches from one account's work to
/// another's (the AsyncLocal's change callback, which the runtime raises on each execution-context switch), the thread's
/// own CPU time since its last switch (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, clock_gettime(2)) is
/// charged to the account it was working for. Work shared by all OBUs (the PKI's server, the hub, SUMO's client, the
/// bench's own loop) runs outside every account and is not charged to any.
/// </summary>
public sealed partial class ObuCpu
{
    private const int ClockThreadCpuTime = 3;
    private static readonly AsyncLocal<ObuCpu?> Current = new(OnSwitched);

    [ThreadStatic]
    private static long t_lastSwitch;

    private long _nanoseconds;

    private ObuCpu(string name)
    {
        Name = name;
    }

    /// <summary>The OBU.</summary>
    public string Name { get; }

    /// <summary>The CPU time charged so far.</summary>
    public TimeSpan Cpu => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds) / 100);

    /// <summary>
    /// A new account for <paramref name="name"/>, current from here on in the caller's async flow and everything it
    /// starts (call it at the top of the async method that builds the OBU).
    /// </summary>
    public static ObuCpu Enter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var account = new ObuCpu(name);
        Current.Value = account;
        return account;
    }

    /// <summary>Makes <paramref name="account"/> current again in the caller's async flow (the OBU's start, called from elsewhere).</summary>
    public static void Resume(ObuCpu account) => Current.Value = account;

    /// <summary>The calling thread's CPU time (clock_gettime(2), CLOCK_THREAD_CPUTIME_ID), in nanoseconds.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    public static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Per-OBU CPU time reads Linux's CLOCK_THREAD_CPUTIME_ID.");
        }

        return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;
    }

    // On every change of the current account on a thread: the thread's CPU time since its last change was the previous account's.
    private static void OnSwitched(AsyncLocalValueChangedArgs<ObuCpu?> change)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var now = ThreadCpuNanoseconds();
        if (change.PreviousValue is { } previous && t_lastSwitch != 0 && now > t_lastSwitch)
        {
            Interlocked.Add(ref previous._nanoseconds, now - t_lastSwitch);
        }

        t_lastSwitch = now;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    // struct timespec on 64-bit Linux.
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
