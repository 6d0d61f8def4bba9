using System.Collections.Concurrent;
using System.Diagnostics;
using Firmware.Application.Receiving;

namespace Bench.Flood;

/// <summary>
/// One flood run: a fresh receive pipeline (the OBU's: <see cref="ReceivePipeline.Submit"/> from one feeding thread
/// in arrival order, <see cref="ReceivePipeline.RunAsync"/>'s workers verifying on every core) fed the traffic at
/// its planned times on the wall clock, every decision classified as it is raised, memory and queue sampled.
/// </summary>
internal static class FloodRun
{
    public static FloodFigures Run(FloodTraffic traffic, FloodOptions options, VerifyOnDemandMode mode)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(options);
        var items = traffic.Items;
        var genuineCount = traffic.Measured.Length;
        var accepted = new int[genuineCount];
        var latencyMs = new double[genuineCount];
        var unverified = new bool[genuineCount];
        var decisions = new ConcurrentDictionary<(FloodKind, ReceiveReason), long>();
        long replaysAccepted = 0, attacksVerified = 0, attacksUnverified = 0, final = 0;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var loadBefore = LoadAverage();
        var clock = new RunClock(FloodTraffic.Epoch);
        using var trust = traffic.NewTrustStore();
        using var pipeline = new ReceivePipeline(new ReceiverOptions
        {
            Trust = trust,
            Clock = clock,
            Revocations = traffic.Crls(),
            Name = "flood",
            Load = new ReceiveLoadOptions { VerifyOnDemand = mode },
        });

        pipeline.Decided += r =>
        {
            if (r.Outcome == ReceiveOutcome.Deferred)
            {
                return;
            }

            Interlocked.Increment(ref final);
            // The feeder names each frame's kind as its source; a genuine frame and its replays share (ticket, counter).
            var kind = Enum.TryParse<FloodKind>(r.Source, out var k) ? k : FloodKind.Genuine;
            var index = kind is FloodKind.Genuine or FloodKind.Replay && r.Signer is { } signer && r.Counter is { } c
                && traffic.Genuine.TryGetValue((signer, c), out var g) ? g : -1;
            decisions.AddOrUpdate((kind, r.Reason), 1, (_, n) => n + 1);
            if (!r.IsAccepted)
            {
                return;
            }

            if (index < 0)
            {
                Interlocked.Increment(ref r.Unverified ? ref attacksUnverified : ref attacksVerified);
            }
            else if (Interlocked.Increment(ref accepted[index]) == 1)
            {
                latencyMs[index] = (r.DecidedAt - r.ReceivedAt).TotalMilliseconds;
                unverified[index] = r.Unverified;
            }
            else
            {
                Interlocked.Increment(ref replaysAccepted);
            }
        };

        using var stop = new CancellationTokenSource();
        var workers = options.Workers ?? Environment.ProcessorCount;
        var running = pipeline.RunAsync(workers, stop.Token);
        var peakManaged = managedBefore;
        var peakWaiting = 0;
        var peakQueued = 0;
        var sampling = true;
        var sampler = new Thread(() =>
        {
            while (Volatile.Read(ref sampling))
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                peakWaiting = Math.Max(peakWaiting, pipeline.WaitingCount);
                var (known, @new, suspect) = pipeline.QueueDepth;
                peakQueued = Math.Max(peakQueued, known + @new + suspect);
                pipeline.Sweep();
                Thread.Sleep(20);
            }
        }) { IsBackground = true, Name = "flood sampler" };

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        sampler.Start();

        // The feeder: every frame at its planned time (in batches of about a millisecond), as the radio would.
        for (var i = 0; i < items.Length;)
        {
            var now = clock.Elapsed.Ticks;
            while (i < items.Length && items[i].OffsetTicks <= now)
            {
                pipeline.Submit(items[i].Frame, items[i].Kind.ToString(), clock.GetUtcNow());
                i++;
            }

            if (i < items.Length && items[i].OffsetTicks - clock.Elapsed.Ticks > TimeSpan.TicksPerMillisecond)
            {
                Thread.Sleep(1);
            }
        }

        // Drain: every frame decided (a frame waiting for a certificate that never comes is rejected after the wait).
        var drainUntil = clock.Elapsed + pipeline.Options.CertificateWait + TimeSpan.FromSeconds(3);
        while (Interlocked.Read(ref final) < items.Length && clock.Elapsed < drainUntil)
        {
            Thread.Sleep(10);
        }

        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Volatile.Write(ref sampling, false);
        sampler.Join();
        stop.Cancel();
        running.GetAwaiter().GetResult();

        var measured = Enumerable.Range(0, genuineCount).Where(g => traffic.Measured[g]).ToList();
        var deadline = options.Deadline.TotalMilliseconds;
        return new FloodFigures
        {
            Mode = mode,
            Workers = workers,
            LoadBefore = loadBefore,
            LoadAfter = LoadAverage(),
            FramesSent = items.Length,
            GenuineMeasured = measured.Count,
            GenuineInTime = measured.Count(g => accepted[g] > 0 && latencyMs[g] <= deadline),
            GenuineAccepted = measured.Count(g => accepted[g] > 0),
            GenuineUnverified = measured.Count(g => accepted[g] > 0 && unverified[g]),
            LatenciesMs = measured.Where(g => accepted[g] > 0).Select(g => latencyMs[g]).ToList(),
            Sent = items.GroupBy(i => i.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Decisions = decisions.ToDictionary(kv => kv.Key, kv => kv.Value),
            ReplaysAccepted = replaysAccepted,
            AttacksAcceptedVerified = attacksVerified,
            AttacksAcceptedUnverified = attacksUnverified,
            Statistics = pipeline.Statistics,
            PeakWaiting = peakWaiting,
            PeakQueued = peakQueued,
            FailureMemory = pipeline.FailureMemory,
            ManagedBeforeBytes = managedBefore,
            ManagedPeakBytes = peakManaged,
            WallSeconds = wall,
            CpuSeconds = cpu,
            DeadlineMs = deadline,
        };
    }

    // The machine's load while measuring (the figures are noisy on a shared machine: say how busy it was).
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} / {fields[1]} / {fields[2]} (1/5/15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
