using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// The intake between the radio and the workers (issue 10, all cores): <c>Submit</c> only copies a frame into the
/// bounded intake; the workers decode and admit the intake's frames in arrival order. Refusals at admission surface
/// as decisions, a bad frame gets its typed error there, and a full intake is the radio's queue overflowing: the
/// frame is dropped, counted, decided <see cref="ReceiveReason.QueueFull"/> and remembered, so its replay is refused.
/// </summary>
public sealed class IntakeTests
{
    private static readonly TestAuthority Authority = new("intake.test");

    [Fact]
    public void Submit_decides_nothing_until_the_intake_is_admitted_and_then_decides_in_arrival_order()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frames = Enumerable.Range(0, 4).Select(i =>
        {
            var t = receiver.Now.AddMilliseconds(i * 10);
            return station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 20u + (uint)i, t));
        }).ToList();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(40));

        // A malformed frame and an exact copy among them: both only copied by Submit, refused on admission.
        var arriving = new List<byte[]> { frames[0], new byte[] { 0x00, 0x01 }, frames[1], frames[0], frames[2], frames[3] };
        Assert.All(arriving, f => Assert.True(receiver.Pipeline.Submit(f, "radio")));
        Assert.Empty(receiver.Decided);
        Assert.Equal(arriving.Count, receiver.Pipeline.IntakeDepth);

        // The copy of frames[0] is admitted before frames[0] runs (the whole intake first), so it is refused when it runs.
        Assert.Equal(5, receiver.Pipeline.ProcessQueued());
        Assert.Equal(0, receiver.Pipeline.IntakeDepth);
        var malformed = Assert.Single(receiver.Decided, r => r.Stage == ReceiveStage.Decode);
        Assert.Equal(ReceiveReason.Malformed, malformed.Reason);
        Assert.Equal([20u, 21u, 22u, 23u], receiver.Decided.Where(r => r.IsAccepted).Select(r => r.Counter!.Value));
        var copy = Assert.Single(receiver.Decided, r => r is { IsAccepted: false, Stage: ReceiveStage.Replay });
        Assert.Equal((ReceiveReason.Duplicate, 20u), (copy.Reason, copy.Counter));
    }

    [Fact]
    public void A_full_intake_drops_the_arriving_frame_as_the_radio_overflowing_and_its_replay_is_a_duplicate()
    {
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { IntakeCapacity = 2 } });
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var frames = Enumerable.Range(0, 3).Select(i =>
        {
            var t = receiver.Now.AddMilliseconds(i * 10);
            return station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 40u + (uint)i, t));
        }).ToList();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(30));

        Assert.Equal([true, true, false], frames.Select(f => receiver.Pipeline.Submit(f, "radio")));
        var dropped = Assert.Single(receiver.Decided);
        Assert.Equal((ReceiveOutcome.Rejected, ReceiveReason.QueueFull, 42u), (dropped.Outcome, dropped.Reason, dropped.Counter));
        Assert.Equal(1, receiver.Pipeline.Statistics.RadioDropped);
        Assert.Equal(2, receiver.Pipeline.ProcessQueued());
        Assert.Equal(2, receiver.Decided.Count(r => r.IsAccepted));
        var before = receiver.State;

        // The attacker replays the dropped original, still fresh: refused at admission, nothing changes.
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(receiver.Pipeline.Submit(frames[2], "attacker"));
        Assert.Equal(0, receiver.Pipeline.ProcessQueued());
        Assert.Equal(ReceiveReason.Duplicate, receiver.Decided.Last().Reason);
        Assert.Equal(1, receiver.Pipeline.Statistics.ShedCopies);
        Assert.Equal(before, receiver.State);
    }

    [Fact]
    public void A_malformed_frame_arriving_at_a_full_intake_gets_its_typed_error()
    {
        using var receiver = new TestReceiver(Authority, o => o with { Load = o.Load with { IntakeCapacity = 1 } });
        var station = new TestStation(Authority);
        Assert.True(receiver.Pipeline.Submit(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)), "radio"));

        Assert.False(receiver.Pipeline.Submit(new byte[] { 0xFF }, "radio"));

        var refused = Assert.Single(receiver.Decided);
        Assert.Equal((ReceiveStage.Decode, ReceiveReason.Malformed), (refused.Stage, refused.Reason));
        Assert.Equal(0, receiver.Pipeline.Statistics.RadioDropped);
        Assert.Equal(1, receiver.Pipeline.ProcessQueued());
        Assert.True(receiver.Decided.Last().IsAccepted, receiver.Decided.Last().Detail);
    }

    [Fact]
    public void The_intake_capacity_is_at_least_one()
    {
        var options = new ReceiveLoadOptions { IntakeCapacity = 0 };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Each_decision_carries_its_frames_arrival_on_the_arrival_clock_whatever_the_receivers_clock()
    {
        // The receiver's clock is a simulation's (it does not move here); the host's clock runs on while the frame waits in the intake.
        var host = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
        using var receiver = new TestReceiver(Authority, o => o with { ArrivalClock = host });
        var station = new TestStation(Authority);
        receiver.Pipeline.AddCertificate(station.Ticket);
        var good = station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 60u, receiver.Now));

        Assert.True(receiver.Pipeline.Submit(good, "radio"));
        host.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(receiver.Pipeline.Submit(new byte[] { 0x00, 0x01 }, "radio"));
        host.Advance(TimeSpan.FromMilliseconds(45));
        Assert.Equal(1, receiver.Pipeline.ProcessQueued());

        // From arrival to decision on the host's clock: 75 ms for the first frame, 45 ms for the malformed one, the receiver's own clock unmoved.
        var accepted = Assert.Single(receiver.Decided, r => r.IsAccepted);
        var malformed = Assert.Single(receiver.Decided, r => r.Reason == ReceiveReason.Malformed);
        Assert.Equal(TimeSpan.FromMilliseconds(75), host.GetElapsedTime(accepted.Arrival));
        Assert.Equal(TimeSpan.FromMilliseconds(45), host.GetElapsedTime(malformed.Arrival));
        Assert.Equal(accepted.ReceivedAt, accepted.DecidedAt);

        // A frame processed at once has its arrival too.
        var next = station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 61u, receiver.Now));
        Assert.Equal(TimeSpan.Zero, host.GetElapsedTime(receiver.Pipeline.Process(next, "radio").Arrival));
    }
}
