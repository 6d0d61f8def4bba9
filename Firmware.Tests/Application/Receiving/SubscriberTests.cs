using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// The pipeline's subscribers are isolated: a <c>Decided</c> or <c>NewSigner</c> handler that throws is logged and
/// counted, the handlers after it still get the decision, and the workers carry on (before, each fault ended the
/// worker that raised it, so two faults stopped a two-worker pipeline and its intake filled).
/// </summary>
public sealed class SubscriberTests
{
    private static readonly TestAuthority Authority = new("subscribers.test");

    [Fact]
    public async Task A_throwing_handler_neither_stops_the_workers_nor_the_handlers_after_it()
    {
        const int Frames = 8;
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frames = Enumerable.Range(0, Frames * 2).Select(i =>
        {
            var t = receiver.Now.AddMilliseconds(i * 10);
            return station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 100u + (uint)i, t));
        }).ToList();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(Frames * 20));

        static void Throw(ReceiveResult r) => throw new InvalidOperationException("a subscriber's bug");
        var newSignerFaults = 0;
        void ThrowOnNewSigner(V2x.Security.HashedId8 s)
        {
            Interlocked.Increment(ref newSignerFaults);
            throw new InvalidOperationException("another subscriber's bug");
        }

        var after = new SemaphoreSlim(0);
        void After(ReceiveResult r) => after.Release();
        receiver.Pipeline.Decided += Throw;
        receiver.Pipeline.Decided += After;
        receiver.Pipeline.NewSigner += ThrowOnNewSigner;
        using var stop = new CancellationTokenSource();
        var running = receiver.Pipeline.RunAsync(2, stop.Token);

        // The first half with the throwing handler subscribed: every decision still reaches the handler after it.
        foreach (var f in frames.Take(Frames))
        {
            Assert.True(receiver.Pipeline.Submit(f, "radio"));
        }

        for (var i = 0; i < Frames; i++)
        {
            Assert.True(await after.WaitAsync(TimeSpan.FromSeconds(60)), $"{i} of {Frames} decisions reached the handler after the throwing one");
        }

        Assert.Equal(Frames + 1, receiver.Pipeline.Statistics.HandlerFaults);
        Assert.Equal(1, Volatile.Read(ref newSignerFaults));
        Assert.False(running.IsCompleted, "the workers stopped");

        // Unsubscribed, it is called no more; the same workers decide the second half.
        receiver.Pipeline.Decided -= Throw;
        foreach (var f in frames.Skip(Frames))
        {
            Assert.True(receiver.Pipeline.Submit(f, "radio"));
        }

        for (var i = 0; i < Frames; i++)
        {
            Assert.True(await after.WaitAsync(TimeSpan.FromSeconds(60)), $"{i} of {Frames} later decisions were made");
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(Frames + 1, receiver.Pipeline.Statistics.HandlerFaults);
        lock (receiver.Decided)
        {
            Assert.Equal(Frames * 2, receiver.Decided.Count(r => r.IsAccepted));
        }
    }
}
