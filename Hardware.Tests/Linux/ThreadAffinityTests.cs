using Hardware.Linux;

namespace Hardware.Tests.Linux;

/// <summary>
/// <see cref="ThreadAffinity"/> (sched_getaffinity(2), sched_setaffinity(2) for the calling thread): binding changes
/// the CPUs of the calling thread only, to exactly the one asked for, and is undone by setting the CPUs it had; a CPU the thread may not use, or one outside
/// the mask, is refused and changes nothing.
/// </summary>
public sealed class ThreadAffinityTests
{
    public static TheoryData<string, int, bool> Rows => new()
    {
        // -1: the last CPU the process may use (the test's machine decides which).
        { "an allowed CPU", -1, true },
        { "a negative CPU", -2, false },
        { "a CPU beyond the mask (1,024 CPUs)", 1024, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Binding_changes_only_the_calling_thread_and_only_to_a_CPU_it_may_use(string row, int cpu, bool binds)
    {
        var allowed = ThreadAffinity.AllowedCpus();
        Assert.True(allowed.Count > 0, "this machine's CPU affinity cannot be read (sched_getaffinity); the row needs Linux");
        var target = cpu == -1 ? allowed[^1] : cpu;
        bool? result = null;
        IReadOnlyList<int>? after = null;
        IReadOnlyList<int>? restored = null;
        var thread = new Thread(() =>
        {
            result = ThreadAffinity.TryBindCurrentThread(target);
            after = ThreadAffinity.AllowedCpus();
            Assert.True(ThreadAffinity.TrySetCurrentThread(allowed));
            restored = ThreadAffinity.AllowedCpus();
        });
        thread.Start();
        thread.Join();

        Assert.True(result == binds, $"{row}: bound {result}");
        Assert.Equal(binds ? [target] : allowed, after);
        Assert.Equal(allowed, restored);
        Assert.Equal(allowed, ThreadAffinity.AllowedCpus());
    }

    [Fact]
    public void Reports_a_real_time_policy_as_the_kernel_shows_it_for_the_thread()
    {
        // proc(5) /proc/thread-self/stat: field 41 is the scheduling policy (after the parenthesised command name).
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var policy = int.Parse(fields[41 - 3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(policy is 1 or 2 or 6, ThreadAffinity.CurrentThreadIsRealTime());
    }
}
