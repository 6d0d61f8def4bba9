using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// A relay attacker re-sends a neighbour's genuine frames later, or somewhere else (issue 15's SUMO replay attack;
/// Docs/trust-decisions.md, stages 5 and 6): a single-hop packet signed farther away than a sender is heard is
/// <see cref="ReceiveReason.TooFar"/>; a CAM older than the newest verified CAM of its ticket is
/// <see cref="ReceiveReason.Superseded"/>; under verify-on-demand a frame that arrives late is always verified, so an
/// altered delayed copy fails its signature instead of being taken for awareness unverified.
/// </summary>
public sealed class RelayTests
{
    private static readonly TestAuthority Authority = new("relay.test");

    // The receiver stands on the Munich block (TestStation.Munich).
    private static readonly (double Latitude, double Longitude) Here = (TestStation.Munich.LatitudeDegrees, TestStation.Munich.LongitudeDegrees);

    private static PositionFix North(double metres) => TestStation.Munich with { LatitudeDegrees = TestStation.Munich.LatitudeDegrees + (metres / 111_320) };

    // name, the sender's distance north of the receiver (m), the receiver's limit (null: not checked), whether the receiver knows where it is, TooFar expected
    public static TheoryData<string, double, double?, bool, bool> Distances => new()
    {
        { "next to the receiver", 50, 1500, true, false },
        { "just inside the limit", 1450, 1500, true, false },
        { "beyond the limit", 1600, 1500, true, true },
        { "beyond a bench radio's 600 m", 700, 600, true, true },
        { "far, but the check is off", 5000, null, true, false },
        { "far, but the receiver has no fix", 5000, 1500, false, false },
    };

    [Theory]
    [MemberData(nameof(Distances))]
    public void A_single_hop_cam_signed_beyond_radio_range_is_refused_as_relayed(string name, double metres, double? limit, bool fix, bool tooFar)
    {
        using var receiver = new TestReceiver(Authority, o => o with { MaxSingleHopDistanceMetres = limit, OwnPosition = fix ? () => Here : () => null });
        var station = new TestStation(Authority);
        var before = receiver.State;

        var result = receiver.Process(station.CamAt(North(metres), receiver.Now, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));

        if (tooFar)
        {
            Assert.Equal((ReceiveStage.Freshness, ReceiveReason.TooFar), (result.Stage, result.Reason));
            Assert.Contains("relayed", result.Detail, StringComparison.Ordinal);
            Assert.Equal(before.Recent, receiver.State.Recent);
        }
        else
        {
            Assert.True(result.IsAccepted, $"{name}: {result.Reason} {result.Detail}");
        }
    }

    [Fact]
    public void A_geobroadcast_denm_is_forwarded_by_design_and_not_held_to_radio_range()
    {
        // The receiver is 3 km from the block the DENM was signed on: a GBC packet may come over several hops.
        var far = (Here.Latitude + (3000.0 / 111_320), Here.Longitude);
        using var receiver = new TestReceiver(Authority, o => o with { MaxSingleHopDistanceMetres = 1500, OwnPosition = () => far });
        var station = new TestStation(Authority);

        var denm = receiver.Process(station.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var cam = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));

        Assert.True(denm.IsAccepted, $"{denm.Reason} {denm.Detail}");
        Assert.Equal(ReceiveReason.TooFar, cam.Reason);
    }

    [Fact]
    public void A_cam_older_than_the_newest_verified_one_of_its_ticket_is_superseded_and_changes_nothing()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        var t0 = receiver.Now;
        var missed = station.Cam(t0.AddMilliseconds(100), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, t0.AddMilliseconds(100)));
        var missedDenm = station.Denm(t0.AddMilliseconds(150), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 3, t0.AddMilliseconds(150)));
        Assert.True(receiver.Process(station.Cam(t0, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, t0))).IsAccepted);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(200));
        var newest = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 4, receiver.Now)));
        var sameTime = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 5, receiver.Now)));
        var before = receiver.State;

        // The relay of the CAM this receiver missed (generated 100 ms before the newest) arrives 300 ms after it was sent.
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var relayed = receiver.Process(missed);
        var after = receiver.State;
        var relayedDenm = receiver.Process(missedDenm);

        Assert.True(newest.IsAccepted && sameTime.IsAccepted, $"{newest.Reason} {sameTime.Reason}");
        Assert.Equal((ReceiveStage.Replay, ReceiveReason.Superseded), (relayed.Stage, relayed.Reason));
        Assert.Equal(before, after);

        // A DENM is not an awareness state: an older one (another event, or the same repeated) is decided on its own.
        Assert.True(relayedDenm.IsAccepted, $"{relayedDenm.Reason} {relayedDenm.Detail}");
    }

    [Fact]
    public void An_unverified_cam_does_not_move_the_newest_so_a_forgery_dated_ahead_cannot_supersede_the_sender()
    {
        var (receiver, station) = OnDemandWithOneCamHeard(TimeSpan.FromMilliseconds(100));
        using var _ = receiver;

        // A forgery under the sender's ticket, dated 30 ms ahead (inside the 40 ms a CAM may be ahead), taken unverified.
        var forged = receiver.Process(station.ForgedCam(receiver.Now.AddMilliseconds(30), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now.AddMilliseconds(30))));
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(10));
        var genuine = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 3, receiver.Now)));

        Assert.True(forged is { IsAccepted: true, Unverified: true }, $"{forged.Reason} {forged.Detail}");
        Assert.True(genuine.IsAccepted, $"{genuine.Reason} {genuine.Detail}");
    }

    // name, how long after its generation the copy arrives (ms), whether it may go unverified
    public static TheoryData<string, int, bool> Ages => new()
    {
        { "straight from the sender", 5, true },
        { "at the bound", 100, true },
        { "delayed 200 ms (a relay)", 200, false },
        { "delayed 800 ms (a relay)", 800, false },
    };

    [Theory]
    [MemberData(nameof(Ages))]
    public void Under_verify_on_demand_a_late_frame_is_always_verified_and_an_altered_late_copy_fails(string name, int ageMs, bool mayGoUnverified)
    {
        var (receiver, station) = OnDemandWithOneCamHeard(TimeSpan.FromSeconds(1));
        using var _ = receiver;

        // The first CAM of the window is one verify-on-demand skips when it arrives in time (the draw verifies the second).
        var generated = receiver.Now.AddMilliseconds(-ageMs);
        var altered = receiver.Process(station.ForgedCam(generated, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, generated)));

        if (mayGoUnverified)
        {
            Assert.True(altered is { IsAccepted: true, Unverified: true }, $"{name}: {altered.Reason} {altered.Detail}");
        }
        else
        {
            Assert.Equal((ReceiveStage.Signature, ReceiveReason.BadSignature), (altered.Stage, altered.Reason));
        }
    }

    [Fact]
    public void A_late_altered_copy_that_fails_leaves_the_senders_cams_sampled_but_an_in_time_forgery_does_not()
    {
        var (receiver, station) = OnDemandWithOneCamHeard(TimeSpan.FromSeconds(1));
        using var _ = receiver;

        // A copy of a CAM generated 500 ms ago with a changed content: verified because it is late, and it fails.
        var late = receiver.Now.AddMilliseconds(-500);
        var altered = receiver.Process(station.ForgedCam(late, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, late)));
        var afterLate = Cams(receiver, station, firstCounter: 3);

        // A forged DENM in time (actionable, so verified): someone forges fresh messages under the ticket.
        var forged = receiver.Process(station.ForgedDenm(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 8, receiver.Now)));
        var afterForgery = Cams(receiver, station, firstCounter: 9);

        Assert.Equal((ReceiveReason.BadSignature, ReceiveReason.BadSignature), (altered.Reason, forged.Reason));
        Assert.All(afterLate.Concat(afterForgery), r => Assert.True(r.IsAccepted, $"{r.Reason} {r.Detail}"));
        Assert.Equal(4, afterLate.Count(r => r.Unverified));
        Assert.All(afterForgery, r => Assert.False(r.Unverified, r.Detail));
    }

    // Five CAMs of the station 100 ms apart, in time.
    private static List<ReceiveResult> Cams(TestReceiver receiver, TestStation station, uint firstCounter) =>
        [.. Enumerable.Range(0, 5).Select(i =>
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
            return receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, firstCounter + (uint)i, receiver.Now)));
        })];

    // Verify-on-demand (Always) whose draw verifies position 1 of each window of five (0x04 octets), after the station's
    // first CAM (carrying its certificate, verified) was accepted and `then` passed.
    private static (TestReceiver Receiver, TestStation Station) OnDemandWithOneCamHeard(TimeSpan then)
    {
        var receiver = new TestReceiver(Authority, o => o with
        {
            Random = new FixedOctets(0x04),
            Load = o.Load with { VerifyOnDemand = VerifyOnDemandMode.Always },
        });
        var station = new TestStation(Authority);
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).IsAccepted);
        receiver.Clock.Advance(then);
        return (receiver, station);
    }
}
