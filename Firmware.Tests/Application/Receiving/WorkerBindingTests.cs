using System.Collections.Concurrent;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using Hardware.Linux;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// <see cref="ReceiveLoadOptions.BindWorkersToCores"/> (issue 10, all cores): with it, each of
/// <see cref="ReceivePipeline.RunAsync"/>'s workers runs bound to one CPU of its own, as long as there are no more
/// workers than CPUs the process may use and the process is not under a real-time scheduling policy (then the
/// "bound" row expects floating workers); without it, or with more workers than CPUs, the workers float over every
/// CPU. Observed from the CPUs the thread deciding each frame may run on (a decision is raised on the worker).
/// </summary>
public sealed class WorkerBindingTests
{
    private static readonly TestAuthority Authority = new("binding.test");

    public static TheoryData<string, bool, int, bool> Rows => new()
    {
        { "bound, one worker per CPU", true, 0, true },
        { "not bound when turned off", false, 0, false },
        { "not bound with more workers than CPUs", true, 1, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Workers_are_bound_to_a_CPU_each_only_when_asked_and_when_there_are_enough_CPUs(string row, bool bind, int extraWorkers, bool bound)
    {
        var allowed = ThreadAffinity.AllowedCpus();
        Assert.True(allowed.Count > 0, "this machine's CPU affinity cannot be read (sched_getaffinity); the row needs Linux");
        bound &= !ThreadAffinity.CurrentThreadIsRealTime();
        const int Frames = 12;
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { BindWorkersToCores = bind } });
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frames = Enumerable.Range(0, Frames).Select(i =>
        {
            var t = receiver.Now.AddMilliseconds(i * 10);
            return station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 300u + (uint)i, t));
        }).ToList();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(Frames * 20));

        var seen = new ConcurrentBag<IReadOnlyList<int>>();
        var decided = new SemaphoreSlim(0);
        receiver.Pipeline.Decided += _ =>
        {
            seen.Add(ThreadAffinity.AllowedCpus());
            decided.Release();
        };
        using var stop = new CancellationTokenSource();
        var running = receiver.Pipeline.RunAsync(allowed.Count + extraWorkers, stop.Token);
        foreach (var f in frames)
        {
            Assert.True(receiver.Pipeline.Submit(f, "radio"));
        }

        for (var i = 0; i < Frames; i++)
        {
            Assert.True(await decided.WaitAsync(TimeSpan.FromSeconds(60)), $"{row}: {i} of {Frames} frames decided");
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(Frames, receiver.Decided.Count(r => r.IsAccepted));
        foreach (var cpus in seen)
        {
            if (bound)
            {
                var cpu = Assert.Single(cpus);
                Assert.Contains(cpu, allowed);
            }
            else
            {
                Assert.Equal(allowed, cpus);
            }
        }

        // The test's own thread is never bound by the pipeline.
        Assert.Equal(allowed, ThreadAffinity.AllowedCpus());
    }
}
