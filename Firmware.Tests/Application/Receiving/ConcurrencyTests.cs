using Firmware.Application.Composition;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Link;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// The receive pipeline on many cores (issue 10, part 3): the queue's workers verify in parallel, yet each
/// signer's frames are decided in the order they arrived, a rejected frame changes no state whatever runs beside
/// it, and a frame the queue shed leaves a trace, so its exact replay is still refused. Completion is awaited on
/// the decisions themselves, never on time.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly TestAuthority Authority = new("concurrency.test");

    [Fact]
    public async Task Each_signers_frames_are_decided_in_arrival_order_on_many_workers()
    {
        const int Stations = 12;
        const int PerStation = 40;
        using var receiver = new TestReceiver(Authority);
        var stations = NewStations(Stations);
        // Interleaved arrivals; each station's counters rise in arrival order.
        var frames = InterleavedCams(receiver, stations, PerStation, firstCounter: 100);

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(PerStation));
        var all = await RunOnWorkersAsync(receiver, frames, workers: 4);

        Assert.All(all, r => Assert.True(r.IsAccepted, $"{r.Reason}: {r.Detail}"));
        foreach (var s in stations)
        {
            var order = all.Where(r => r.Signer == s.Digest).Select(r => r.Counter!.Value).ToList();
            Assert.Equal(Enumerable.Range(100, PerStation).Select(i => (uint)i), order);
        }
    }

    // The workers decode batches of the intake in parallel and admit them one at a time in arrival order (issue 10):
    // one signer's frames, a full intake of many batches when the workers start, with malformed frames among them
    // (refused at decoding, which runs outside any lock): every genuine frame is decided, in arrival order.
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Batches_decoded_in_parallel_are_admitted_in_arrival_order(int workers)
    {
        const int PerStation = 200;
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { QueueCapacity = 4096, QueuePerSigner = 256 } });
        var stations = NewStations(1);
        var frames = InterleavedCams(receiver, stations, PerStation, firstCounter: 500);
        for (var i = frames.Count - 7; i > 0; i -= 7)
        {
            frames.Insert(i, [0x00, 0x01, (byte)i]);
        }

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(PerStation));
        var all = await RunOnWorkersAsync(receiver, frames, workers);

        Assert.Equal(PerStation, all.Count(r => r.IsAccepted));
        Assert.All(all.Where(r => !r.IsAccepted), r => Assert.Equal((ReceiveStage.Decode, ReceiveReason.Malformed), (r.Stage, r.Reason)));
        Assert.Equal(Enumerable.Range(500, PerStation).Select(i => (uint)i), all.Where(r => r.IsAccepted).Select(r => r.Counter!.Value));
    }

    [Fact]
    public async Task Rejected_frames_change_no_state_while_genuine_ones_run_beside_them()
    {
        // Neither back-off (FloodTests) nor shedding (below) is under test here: room for every frame, no back-off.
        static ReceiverOptions NoBackoff(ReceiverOptions o) =>
            o with { Load = o.Load with { BackoffThreshold = 1000, BackoffScoreCap = 1000, QueueCapacity = 4096, QueuePerSigner = 256 } };
        using var reference = new TestReceiver(Authority, NoBackoff);
        using var receiver = new TestReceiver(Authority, NoBackoff);
        var stations = NewStations(8);
        var genuine = new List<byte[]>();
        var hostile = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var s in stations)
            {
                var t = receiver.Now.AddMilliseconds(i * 5);
                var report = TestStation.Report(IntegrityLevel.NoAnomaly, 500u + (uint)i, t);
                var frame = s.Cam(t, i == 0 ? SignerChoice.Certificate : SignerChoice.Digest, report);
                genuine.Add(frame);

                // Beside each: a forgery (the next counter: it must not move the window), an exact replay, a stale
                // copy under a new counter, and a forged certificate-bearing frame of a ticket never heard.
                hostile.Add(s.ForgedCam(t.AddTicks(1), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 501u + (uint)i, t.AddTicks(1))));
                hostile.Add(frame);
                hostile.Add(s.Cam(t.AddSeconds(-5), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 9000u + (uint)i, t.AddSeconds(-5))));
                hostile.Add(new TestStation(Authority).ForgedCam(t, SignerChoice.Certificate, report));
            }
        }

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        reference.Clock.Advance(TimeSpan.FromMilliseconds(100));
        foreach (var f in genuine)
        {
            Assert.True(reference.Process(f).IsAccepted);
        }

        // The genuine frame first, then its hostile company, all on four workers at once.
        var mixed = genuine.Select((f, i) => new[] { f }.Concat(hostile.Skip(i * 4).Take(4))).SelectMany(x => x).ToList();
        var all = await RunOnWorkersAsync(receiver, mixed, workers: 4);

        Assert.Equal(genuine.Count, all.Count(r => r.IsAccepted));
        Assert.Equal(reference.State, receiver.State);
        foreach (var s in stations)
        {
            var now = receiver.Now;
            Assert.True(receiver.Pipeline.Replay.Neighbours.TryGetWindow(s.Digest, now, out var window));
            Assert.True(reference.Pipeline.Replay.Neighbours.TryGetWindow(s.Digest, now, out var expected));
            Assert.Equal(expected, window);
        }
    }

    [Fact]
    public void An_exact_replay_of_a_frame_the_queue_shed_is_refused_as_a_duplicate()
    {
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { QueuePerSigner = 2 } });
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frames = Enumerable.Range(0, 3).Select(i =>
        {
            var t = receiver.Now.AddMilliseconds(i * 10);
            return station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 10u + (uint)i, t));
        }).ToList();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(20));

        // All three taken into the intake; admitted in arrival order, the third is past the signer's share and the
        // oldest is shed (decided at admission), the other two run.
        Assert.Equal([true, true, true], frames.Select(f => receiver.Pipeline.Submit(f, "radio")));
        Assert.Empty(receiver.Decided);
        Assert.Equal(2, receiver.Pipeline.ProcessQueued());
        var shed = Assert.Single(receiver.Decided, r => r.Reason == ReceiveReason.QueueFull);
        Assert.Equal(10u, shed.Counter);
        Assert.Equal(2, receiver.Decided.Count(r => r.IsAccepted));
        var before = receiver.State;

        // The attacker replays the shed original, still fresh (and its counter is still inside the window).
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(receiver.Pipeline.Submit(frames[0], "attacker"));
        Assert.Equal(0, receiver.Pipeline.ProcessQueued());

        var replay = receiver.Decided.Last();
        Assert.Equal((ReceiveOutcome.Rejected, ReceiveStage.Replay, ReceiveReason.Duplicate), (replay.Outcome, replay.Stage, replay.Reason));
        Assert.Equal(1, receiver.Pipeline.Statistics.ShedCopies);
        Assert.Equal(before, receiver.State);
    }

    [Fact]
    public void An_exact_replay_of_a_frame_the_radio_dropped_is_refused_as_a_duplicate()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frame = station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 7, receiver.Now));

        // The radio's own queue overflowed (Hardware.Radio.IRadioDropReport) and told the receiver.
        receiver.Pipeline.RememberDropped(frame);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(receiver.Pipeline.Submit(frame, "attacker"));

        // Refused at admission: it never reaches the queue.
        Assert.Equal(0, receiver.Pipeline.ProcessQueued());
        Assert.Equal(ReceiveReason.Duplicate, receiver.Decided.Last().Reason);
        Assert.Equal((1, 0, 0, 0), receiver.State);
    }

    // Frames arriving while the workers run (issue 10: a worker is woken only for a frame it can take): one at a
    // time, so every worker goes idle between them, then in bursts of one signer and of many; none is left waiting.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 6)]
    [InlineData(4, 6)]
    public async Task Frames_arriving_while_the_workers_run_are_all_decided_in_each_signers_order(int workers, int stationCount)
    {
        const int PerStation = 24;
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { QueueCapacity = 4096, QueuePerSigner = 256 } });
        var stations = NewStations(stationCount);
        var frames = InterleavedCams(receiver, stations, PerStation, firstCounter: 300);

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(PerStation));
        var decided = 0;
        var next = new SemaphoreSlim(0);
        void OnDecided(ReceiveResult r)
        {
            Interlocked.Increment(ref decided);
            next.Release();
        }

        receiver.Pipeline.Decided += OnDecided;
        using var stop = new CancellationTokenSource();
        var running = receiver.Pipeline.RunAsync(workers, stop.Token);

        // The first third one by one (each awaited), the rest in two bursts. A hang fails after a minute.
        var trickle = frames.Count / 3;
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(receiver.Pipeline.Submit(frames[i], "radio"));
            if (i < trickle)
            {
                Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(60)), $"frame {i} was not decided");
            }
        }

        for (var i = trickle; i < frames.Count; i++)
        {
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(60)), $"{Volatile.Read(ref decided)} of {frames.Count} frames decided");
        }

        await stop.CancelAsync();
        await running;
        receiver.Pipeline.Decided -= OnDecided;

        List<ReceiveResult> all;
        lock (receiver.Decided)
        {
            all = [.. receiver.Decided];
        }

        Assert.Equal(frames.Count, all.Count);
        Assert.All(all, r => Assert.True(r.IsAccepted, $"{r.Reason}: {r.Detail}"));
        foreach (var s in stations)
        {
            Assert.Equal(Enumerable.Range(300, PerStation).Select(i => (uint)i), all.Where(r => r.Signer == s.Digest).Select(r => r.Counter!.Value));
        }
    }

    // Exactly-once acceptance under concurrency (issue 10): the original and its exact copy race, on threads calling
    // Process (rows "process") or through the queue while its workers run (rows "queue"); each message is accepted
    // once, every copy is refused as a duplicate, and the replay state is the one of a receiver that saw each once.
    [Theory]
    [InlineData("process", 2)]
    [InlineData("process", 4)]
    [InlineData("queue", 2)]
    [InlineData("queue", 4)]
    public async Task A_replay_racing_its_original_is_refused_and_the_original_accepted_once(string path, int threads)
    {
        static ReceiverOptions Roomy(ReceiverOptions o) => o with { Load = o.Load with { QueueCapacity = 4096, QueuePerSigner = 256 } };
        using var reference = new TestReceiver(Authority, Roomy);
        using var receiver = new TestReceiver(Authority, Roomy);
        var stations = NewStations(3);
        var frames = new List<byte[]>();
        for (var i = 0; i < 30; i++)
        {
            foreach (var s in stations)
            {
                var t = receiver.Now.AddMilliseconds(i);
                frames.Add(s.Cam(t, i == 0 ? SignerChoice.Certificate : SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 40u + (uint)i, t)));
            }
        }

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(30));
        reference.Clock.Advance(TimeSpan.FromMilliseconds(30));
        Assert.All(frames, f => Assert.True(reference.Process(f).IsAccepted));

        if (path == "process")
        {
            // Every thread processes every frame, all starting together: each frame races its copies.
            using var start = new Barrier(threads);
            var tasks = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                foreach (var f in frames)
                {
                    receiver.Process(f);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        }
        else
        {
            // Each frame submitted `threads` times in a row while `threads` workers run.
            var copies = frames.SelectMany(f => Enumerable.Repeat(f, threads)).ToList();
            var decidedCount = 0;
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnDecided(ReceiveResult r)
            {
                if (Interlocked.Increment(ref decidedCount) == copies.Count)
                {
                    all.TrySetResult();
                }
            }

            receiver.Pipeline.Decided += OnDecided;
            using var stop = new CancellationTokenSource();
            var running = receiver.Pipeline.RunAsync(threads, stop.Token);
            foreach (var f in copies)
            {
                receiver.Pipeline.Submit(f, "radio");
            }

            await Task.WhenAny(all.Task, running).WaitAsync(TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await running;
            receiver.Pipeline.Decided -= OnDecided;
        }

        List<ReceiveResult> decided;
        lock (receiver.Decided)
        {
            decided = [.. receiver.Decided];
        }

        Assert.Equal(frames.Count * threads, decided.Count);
        Assert.Equal(frames.Count, decided.Count(r => r.IsAccepted));
        Assert.All(decided.Where(r => !r.IsAccepted), r => Assert.Equal(ReceiveReason.Duplicate, r.Reason));
        Assert.Equal(frames.Count, decided.Where(r => r.IsAccepted).Select(r => (r.Signer, r.Counter)).Distinct().Count());
        Assert.Equal(reference.State, receiver.State);
        foreach (var s in stations)
        {
            Assert.True(receiver.Pipeline.Replay.Neighbours.TryGetWindow(s.Digest, receiver.Now, out var window));
            Assert.True(reference.Pipeline.Replay.Neighbours.TryGetWindow(s.Digest, reference.Now, out var expected));
            Assert.Equal(expected, window);
        }
    }

    // Stations with their own station IDs and MACs.
    private static List<TestStation> NewStations(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var s = new TestStation(Authority);
            return new TestStation(s.Ticket, s.Key, new StationIdentity(0x2000_0000u + (uint)i, MacAddress.Parse($"02:00:00:00:20:{i:x2}")));
        }).ToList();

    // The stations' tickets known to the receiver, and their CAMs interleaved: round i has one CAM of every station, 1 ms
    // after round i - 1, with counter firstCounter + i (so each station's counters rise in arrival order).
    private static List<byte[]> InterleavedCams(TestReceiver receiver, List<TestStation> stations, int perStation, uint firstCounter)
    {
        foreach (var s in stations)
        {
            receiver.Pipeline.AddCertificate(s.Ticket);
        }

        var frames = new List<byte[]>();
        for (var i = 0; i < perStation; i++)
        {
            foreach (var s in stations)
            {
                var t = receiver.Now.AddMilliseconds(i);
                frames.Add(s.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, firstCounter + (uint)i, t)));
            }
        }

        return frames;
    }

    // Submits every frame in order, runs the queue on `workers` threads and waits for one final decision per frame.
    private static async Task<List<ReceiveResult>> RunOnWorkersAsync(TestReceiver receiver, IReadOnlyList<byte[]> frames, int workers)
    {
        var decided = new List<ReceiveResult>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDecided(ReceiveResult r)
        {
            if (r.Outcome == ReceiveOutcome.Deferred)
            {
                return;
            }

            lock (decided)
            {
                decided.Add(r);
                if (decided.Count == frames.Count)
                {
                    done.TrySetResult();
                }
            }
        }

        receiver.Pipeline.Decided += OnDecided;
        using var stop = new CancellationTokenSource();
        foreach (var f in frames)
        {
            receiver.Pipeline.Submit(f, "radio");
        }

        var running = receiver.Pipeline.RunAsync(workers, stop.Token);

        // A worker that failed ends the wait at once (its exception surfaces below); a hang fails after a minute.
        await Task.WhenAny(done.Task, running).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await running;
        lock (decided)
        {
            Assert.True(decided.Count == frames.Count, $"{decided.Count} of {frames.Count} frames decided");
        }

        receiver.Pipeline.Decided -= OnDecided;
        return decided;
    }
}
