using Bench.Report;

namespace Bench.Tests.Report;

/// <summary>
/// The per-OBU CPU account (Bench/Report/ObuCpu.cs): CPU-bound work started in an account's async flow (a nested task,
/// a timer callback) is charged to it, by the thread CPU clock; an account whose flow only waits is charged next to
/// nothing; accounts do not leak into the caller's flow. The work is a spin until the thread's own CPU clock advanced
/// by a set amount (no sleeping).
/// </summary>
public sealed class ObuCpuTests
{
    private static readonly long Work = TimeSpan.FromMilliseconds(150).Ticks * 100;

    [Fact]
    public async Task Work_in_an_accounts_flow_is_charged_to_it_and_waiting_is_not()
    {
        using var release = new SemaphoreSlim(0);
        var idle = Task.Run(async () =>
        {
            var account = ObuCpu.Enter("idle");
            await release.WaitAsync();
            return account;
        });
        var busy = await Task.Run(async () =>
        {
            var account = ObuCpu.Enter("busy");
            await Task.Run(() => Spin(Work));
            using var done = new SemaphoreSlim(0);
            await using var timer = TimeProvider.System.CreateTimer(_ =>
            {
                Spin(Work);
                done.Release();
            }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            await done.WaitAsync();
            return account;
        });
        release.Release();
        var waited = await idle;

        // Charged on the thread's next switch after the work: by now the pool threads have left the flow.
        Assert.True(busy.Cpu >= TimeSpan.FromMilliseconds(290), $"busy charged {busy.Cpu.TotalMilliseconds} ms for 300 ms of spinning");
        Assert.True(busy.Cpu < TimeSpan.FromSeconds(5), $"busy charged {busy.Cpu.TotalMilliseconds} ms");
        Assert.True(waited.Cpu < TimeSpan.FromMilliseconds(50), $"idle charged {waited.Cpu.TotalMilliseconds} ms for waiting");
        Assert.Equal("busy", busy.Name);
    }

    [Fact]
    public async Task An_account_does_not_leak_into_the_callers_flow()
    {
        var inner = await Enter();
        var before = inner.Cpu;

        Spin(Work);
        await Task.Yield();

        Assert.True(inner.Cpu - before < TimeSpan.FromMilliseconds(50), $"the caller's spin was charged to the inner account: {(inner.Cpu - before).TotalMilliseconds} ms");
    }

    [Fact]
    public void The_thread_cpu_clock_advances_with_work_only()
    {
        var start = ObuCpu.ThreadCpuNanoseconds();
        Spin(Work);
        var spun = ObuCpu.ThreadCpuNanoseconds() - start;

        Assert.InRange(spun, Work, Work * 20);
    }

    private static async Task<ObuCpu> Enter()
    {
        var account = ObuCpu.Enter("inner");
        await Task.Yield();
        return account;
    }

    // CPU-bound until the calling thread's CPU clock advanced by nanoseconds.
    private static void Spin(long nanoseconds)
    {
        var until = ObuCpu.ThreadCpuNanoseconds() + nanoseconds;
        var x = 0.0;
        while (ObuCpu.ThreadCpuNanoseconds() < until)
        {
            x += Math.Sqrt(x + 1);
        }

        GC.KeepAlive(x);
    }
}
