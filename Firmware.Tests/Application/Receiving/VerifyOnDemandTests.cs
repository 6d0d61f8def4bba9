using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Verify-on-demand (IEEE 1609.2 practice; Docs/trust-decisions.md, "Under load"): awareness-only CAMs of a
/// neighbour heard before may be decided without their signature verified, one in each window of
/// <see cref="ReceiveLoadOptions.VerifyOnDemandSampleEvery"/> verified (which one is drawn at random, so the rows
/// check the windows, not positions), and are marked so; an actionable message
/// (a DENM, the EEBL) is never decided unverified; the replay state moves only on verified frames; an exact copy
/// of a frame decided unverified is a duplicate; a ticket with a bad signature remembered gets no unverified decision.
/// </summary>
public sealed class VerifyOnDemandTests
{
    private static readonly TestAuthority Authority = new("on-demand.test");

    private static TestReceiver Receiver(VerifyOnDemandMode mode, int backlog = 64) =>
        new(Authority, o => o with { Load = o.Load with { VerifyOnDemand = mode, VerifyOnDemandBacklog = backlog } });

    [Fact]
    public void A_denm_is_never_decided_unverified_and_cams_are_sampled()
    {
        using var receiver = Receiver(VerifyOnDemandMode.Always);
        var station = new TestStation(Authority);
        uint counter = 1;
        Assert.False(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now))).Unverified);

        var cams = new List<ReceiveResult>();
        var denms = new List<ReceiveResult>();
        for (var i = 0; i < 20; i++)
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(50));
            cams.Add(receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now))));
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(50));
            denms.Add(receiver.Process(station.Denm(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now))));
        }

        var forgedDenm = receiver.Process(station.ForgedDenm(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter, receiver.Now)));

        Assert.All(cams.Concat(denms), r => Assert.True(r.IsAccepted, $"{r.Reason}: {r.Detail}"));
        Assert.All(denms, r => Assert.False(r.Unverified));
        Assert.Equal(ReceiveReason.BadSignature, forgedDenm.Reason);

        // One CAM verified in each window of five (the DENMs between them are verified and do not count).
        Assert.All(cams.Chunk(5), window => Assert.Equal(4, window.Count(r => r.Unverified)));
        Assert.All(cams.Where(r => r.Unverified), r => Assert.Contains("not verified", r.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void The_replay_state_moves_only_on_verified_frames_and_a_copy_of_an_unverified_one_is_a_duplicate()
    {
        // The window's verified CAM is drawn from the receiver's random source: this row needs the first CAM after
        // the certificate unverified, so the draw is fixed (every octet 0x04: position 0x04040404 % 5 = 1 verified).
        using var receiver = new TestReceiver(Authority, o => o with
        {
            Random = new FixedOctets(0x04),
            Load = o.Load with { VerifyOnDemand = VerifyOnDemandMode.Always },
        });
        var station = new TestStation(Authority);
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).IsAccepted);
        var before = receiver.State;
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var frame = station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now));

        var unverified = receiver.Process(frame);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(20));
        var copy = receiver.Process(frame);
        Assert.True(receiver.Pipeline.Submit(frame, "attacker"));
        var queuedCopyRan = receiver.Pipeline.ProcessQueued();

        Assert.True(unverified is { IsAccepted: true, Unverified: true }, unverified.Detail);
        Assert.Equal((ReceiveStage.Replay, ReceiveReason.Duplicate), (copy.Stage, copy.Reason));
        Assert.Equal(0, queuedCopyRan);
        Assert.Equal(ReceiveReason.Duplicate, receiver.Decided.Last().Reason);
        Assert.Equal(before, receiver.State);
        Assert.True(receiver.Pipeline.Replay.Neighbours.TryGetWindow(station.Digest, receiver.Now, out var window));
        Assert.Equal(1u, window.Highest);
    }

    [Fact]
    public void A_ticket_with_a_bad_signature_remembered_gets_no_unverified_decision()
    {
        using var receiver = Receiver(VerifyOnDemandMode.Always);
        var station = new TestStation(Authority);
        uint counter = 1;
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now))).IsAccepted);

        // Forgeries are decided unverified (marked) until the window's drawn one is verified and fails; from then on
        // the ticket has a bad signature remembered and gets no unverified decision.
        var forged = Enumerable.Range(0, 5).Select(_ =>
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(20));
            return receiver.Process(station.ForgedCam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        }).ToList();
        var after = Enumerable.Range(0, 10).Select(_ =>
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
            return receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        }).ToList();

        var caught = forged.FindIndex(r => r.Reason == ReceiveReason.BadSignature);
        Assert.InRange(caught, 0, 4);
        Assert.All(forged.Take(caught), r => Assert.True(r is { IsAccepted: true, Unverified: true }, r.Detail));
        Assert.All(forged.Skip(caught), r => Assert.Equal(ReceiveReason.BadSignature, r.Reason));
        Assert.All(after, r => Assert.True(r is { IsAccepted: true, Unverified: false }, r.Detail));
    }

    [Fact]
    public void Under_load_mode_samples_only_while_the_queue_holds_a_backlog()
    {
        using var receiver = Receiver(VerifyOnDemandMode.UnderLoad, backlog: 4);
        var station = new TestStation(Authority);
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).IsAccepted);
        for (var i = 0; i < 8; i++)
        {
            var t = receiver.Now.AddMilliseconds(i);
            receiver.Pipeline.Submit(station.Cam(t, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2u + (uint)i, t)), "radio");
        }

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(8));
        Assert.Equal(8, receiver.Pipeline.ProcessQueued());

        // Taken with 8, 7, 6, 5 and 4 frames queued: under load (one window: four unverified); then all verified.
        var decided = receiver.Decided.Skip(1).ToList();
        Assert.All(decided, r => Assert.True(r.IsAccepted, r.Detail));
        Assert.Equal(4, decided.Take(5).Count(r => r.Unverified));
        Assert.All(decided.Skip(5), r => Assert.False(r.Unverified));
    }

    [Fact]
    public void Off_verifies_every_message()
    {
        using var receiver = Receiver(VerifyOnDemandMode.Off);
        var station = new TestStation(Authority);
        var results = Enumerable.Range(0, 10).Select(i =>
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
            return receiver.Process(station.Cam(receiver.Now, i == 0 ? SignerChoice.Certificate : SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1u + (uint)i, receiver.Now)));
        }).ToList();

        Assert.All(results, r => Assert.True(r is { IsAccepted: true, Unverified: false }, r.Detail));
        Assert.Equal(10, receiver.Pipeline.Statistics.SignatureVerifications);
    }
}
