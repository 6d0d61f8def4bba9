using Firmware.Application.Misbehaviour;
using Firmware.Tests.Application.Support;
using PkiProtocol.Misbehaviour;
using V2x.Facilities.ItsContainer;
using V2x.Integrity;
using V2x.Security;

namespace Firmware.Tests.Application.Misbehaviour;

/// <summary>
/// Local misbehaviour detection per detection class (Docs/misbehaviour.md; ETSI TS 103 759 classes), with the rows where a
/// genuine vehicle must not be reported: hard braking, a GNSS jump at a tunnel exit, a pseudonym change, two cars side by side.
/// </summary>
public sealed class LmbdTests
{
    private static readonly DateTimeOffset T0 = TestAuthority.Now;
    private static readonly HashedId8 A = new(0xA);
    private static readonly HashedId8 B = new(0xB);
    private const double Lat = 48.13743;
    private const double Lon = 11.57549;
    private const double MetresPerDegree = 111_320;

    // A CAM of one ticket: ms after T0, metres north of the base point, speed, heading, acceleration, position confidence.
    public sealed record Cam(HashedId8 Signer, int Ms, double North, double? Speed, double? Heading = 0, double? Acc = 0, double? Confidence = 2, double East = 0);

    // name, CAMs in order, classes expected (in order of finding)
    public static TheoryData<string, Cam[], MbrObservation[]> Rows => new()
    {
        { "steady drive at 50 km/h, 10 Hz: nothing", Drive(A, 10, 13.9), [] },
        { "hard braking at 10 m/s² (ABS, dry asphalt): nothing", Braking(A, 25, -10), [] },
        { "an emergency stop at 11.5 m/s²: nothing", Braking(A, 30, -11.5), [] },
        { "speed 120 m/s (432 km/h)", [new(A, 0, 0, 120)], [MbrObservation.SpeedValueTooLarge] },
        { "speed 14 → 30 m/s in 100 ms", [new(A, 0, 0, 14), new(A, 100, 1.4, 30)], [MbrObservation.SpeedChangeTooLarge] },
        { "longitudinal acceleration -14 m/s²", [new(A, 0, 0, 14, Acc: -14)], [MbrObservation.LongitudinalAccelerationTooLarge] },
        { "heading 0° → 90° in 100 ms at 14 m/s", [new(A, 0, 0, 14), new(A, 100, 1.4, 14, Heading: 90)], [MbrObservation.HeadingChangeTooLarge] },
        { "a roundabout at 5.5 m/s, 9° per 100 ms: nothing", Turn(A, 5.5, 9), [] },
        { "heading noise while nearly stopped (1 m/s, 0° → 170°): nothing", [new(A, 0, 0, 1), new(A, 1000, 1, 1, Heading: 170)], [] },
        { "position jump of 200 m in 100 ms", [new(A, 0, 0, 14), new(A, 100, 200, 14)], [MbrObservation.PositionChangeTooLarge] },
        { "GNSS jump of 35 m at a tunnel exit after dead-reckoned CAMs (confidence 40.94 m): nothing", TunnelExit(A), [] },
        { "10 s without CAMs in a tunnel, then 300 m on: a new track, nothing", [new(A, 0, 0, 14), new(A, 10_000, 300, 14)], [] },
        { "CAMs 50 ms apart", [new(A, 0, 0, 14), new(A, 50, 0.7, 14)], [MbrObservation.BeaconIntervalTooSmall] },
        { "CAMs T_GenCamMin (100 ms) apart: nothing", [new(A, 0, 0, 14), new(A, 100, 1.4, 14)], [] },
        { "ghost: a second ticket at the place of a car heard at the same instant", Beside(0), [MbrObservation.TwoSendersOnePlace] },
        { "two cars side by side, 3.5 m apart: nothing", Beside(3.5), [] },
        { "pseudonym change: the new ticket starts where the old one stopped: nothing", [.. Drive(A, 5, 14), new(B, 500, 7.0, 14), new(B, 600, 8.4, 14)], [] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_detection_class_and_the_genuine_vehicles_it_must_not_report(string name, Cam[] cams, MbrObservation[] expected)
    {
        var detector = new LocalMisbehaviourDetector();
        var found = cams.SelectMany(c => detector.Observe(Observed(c))).ToList();
        Assert.True(expected.SequenceEqual(found.Select(f => f.Observation)), $"{name}: {string.Join("; ", found.Select(f => $"{f.Observation} {f.Detail}"))}");
        Assert.All(found, f => Assert.NotEmpty(f.Evidence));
        if (expected.Contains(MbrObservation.TwoSendersOnePlace))
        {
            // The ticket first heard later is the subject: the ghost, not the vehicle that was there.
            Assert.Equal(B, found.Single().Subject);
        }
    }

    [Fact]
    public void A_ticket_claiming_the_receivers_own_place_is_a_ghost()
    {
        var detector = new LocalMisbehaviourDetector(ownPosition: () => (Lat, Lon));
        var found = detector.Observe(Observed(new Cam(B, 0, 0.5, 0)));
        Assert.Equal([(MbrObservation.TwoSendersOnePlace, B)], found.Select(f => (f.Observation, f.Subject)));
        Assert.Empty(detector.Observe(Observed(new Cam(A, 0, 30, 0))));
    }

    public static TheoryData<string, double, MbrObservation[]> DenmRows => new()
    {
        { "EEBL at the sender: nothing", 0, [] },
        { "event 300 m ahead (perceived): nothing", 300, [] },
        { "event 2 km from its sender", 2000, [MbrObservation.DenmEventTooFar] },
    };

    [Theory]
    [MemberData(nameof(DenmRows))]
    public void A_denm_event_far_from_its_sender_is_reported(string name, double metres, MbrObservation[] expected)
    {
        var detector = new LocalMisbehaviourDetector();
        var denm = new ObservedMessage(A, Psid.Denm, 1, StationType.PassengerCar, T0, T0, Lat, Lon, null, null, null, null, Lat + (metres / MetresPerDegree), Lon, new byte[] { 3 });
        Assert.True(expected.SequenceEqual(detector.Observe(denm).Select(f => f.Observation)), name);
    }

    [Fact]
    public void The_same_class_about_the_same_ticket_is_reported_once_per_suppression_window()
    {
        var detector = new LocalMisbehaviourDetector();
        Assert.Single(detector.Observe(Observed(new Cam(A, 0, 0, 120))));
        Assert.Empty(detector.Observe(Observed(new Cam(A, 1000, 120, 120))));
        Assert.True(detector.IsSuspect(A, T0.AddSeconds(5)));
        Assert.False(detector.IsSuspect(B, T0.AddSeconds(5)));
        Assert.Single(detector.Observe(Observed(new Cam(A, 11_000, 0, 120))));
        Assert.False(detector.IsSuspect(A, T0.AddSeconds(30)));
        Assert.Equal(2, detector.Counts[MbrObservation.SpeedValueTooLarge]);
    }

    [Fact]
    public void A_cam_signed_late_by_a_busy_partition_is_placed_at_its_reference_time()
    {
        // A genuine car at 13.9 m/s: CAM 1's position read at 0 ms but signed 1,160 ms later (its partition busy), CAM 2 read at
        // 1,300 ms and signed at once: 18.1 m apart, 140 ms apart by their signing times (the bench demo's receivers reported
        // exactly this as PositionChangeTooLarge). Placed at their reference times (generationDeltaTime) they are 1,300 ms apart.
        var first = Observed(new Cam(A, 0, 0, 13.9)) with { GenerationTime = T0.AddMilliseconds(1160), ReferenceTime = T0 };
        var second = Observed(new Cam(A, 1300, 13.9 * 1.3, 13.9)) with { ReferenceTime = T0.AddMilliseconds(1300) };
        var detector = new LocalMisbehaviourDetector();
        Assert.Empty(detector.Observe(first));
        Assert.Empty(detector.Observe(second));

        // Without reference times (a DENM, or a CAM whose value lies too far before its signing) the signed times count.
        var bySigning = new LocalMisbehaviourDetector();
        Assert.Empty(bySigning.Observe(first with { ReferenceTime = null }));
        Assert.Equal([MbrObservation.PositionChangeTooLarge], bySigning.Observe(second with { ReferenceTime = null }).Select(f => f.Observation));
    }

    [Fact]
    public void Tracks_are_bounded()
    {
        var detector = new LocalMisbehaviourDetector(new LmbdOptions { MaxTracked = 16 });
        for (var i = 0; i < 200; i++)
        {
            detector.Observe(Observed(new Cam(new HashedId8((ulong)i + 100), i, i * 50.0, 10)));
        }

        Assert.Equal(16, detector.Tracked);
    }

    [Fact]
    public void The_hook_reads_an_accepted_cam_from_the_pipeline()
    {
        var authority = new TestAuthority("lmbd.test");
        using var receiver = new TestReceiver(authority);
        var station = new TestStation(authority);
        var fix = TestStation.Munich with { FixTime = receiver.Now, SpeedMetersPerSecond = 120, HeadingDegrees = 90 };
        var result = receiver.Process(station.CamAt(fix, receiver.Now, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        Assert.True(result.IsAccepted, result.Detail);

        var observed = ObservedMessage.From(result)!;
        Assert.Equal((station.Digest, Psid.Cam, 120.0, 90.0), (observed.Signer, observed.Psid, observed.SpeedMetresPerSecond!.Value, observed.HeadingDegrees!.Value));

        // Its reference time from the CAM's generationDeltaTime: composed and signed at one instant, so within the millisecond
        // the value is counted in; a lag beyond the bound is not taken (the signed time counts).
        Assert.Equal(observed.GenerationTime, observed.ReferenceTime!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(observed.ReferenceTime, ObservedMessage.From(result, TimeSpan.FromSeconds(1))!.ReferenceTime);
        Assert.Equal(TestStation.Munich.LatitudeDegrees, observed.Latitude, 6);
        var finding = Assert.Single(new LocalMisbehaviourDetector().Observe(observed));
        Assert.Equal(MbrObservation.SpeedValueTooLarge, finding.Observation);

        // The evidence is the frame's signed message, as received: the authority verifies it against the ticket.
        var evidence = Ieee1609Dot2Data.Decode(finding.Evidence.Single()).SignedData!;
        Assert.Equal(station.Digest, evidence.Signer.Certificates.Single().HashedId8);

        // Rejected frames never reach the detection, nor frames accepted unverified (verify-on-demand: perhaps a forgery under the ticket).
        Assert.Null(ObservedMessage.From(result with { Outcome = Firmware.Application.Receiving.ReceiveOutcome.Rejected }));
        Assert.Null(ObservedMessage.From(result with { Unverified = true }));
    }

    private static ObservedMessage Observed(Cam c)
    {
        var at = T0.AddMilliseconds(c.Ms);
        var lat = Lat + (c.North / MetresPerDegree);
        var lon = Lon + (c.East / (MetresPerDegree * Math.Cos(Lat * Math.PI / 180)));
        return new ObservedMessage(c.Signer, Psid.Cam, 1, StationType.PassengerCar, at, at.AddMilliseconds(5), lat, lon, c.Confidence, c.Speed, c.Heading, c.Acc,
            null, null, new byte[] { (byte)c.Ms });
    }

    private static Cam[] Drive(HashedId8 signer, int count, double speed) =>
        [.. Enumerable.Range(0, count).Select(i => new Cam(signer, i * 100, speed * i * 0.1, speed))];

    // A drives on; B appears 5 ms after A's third CAM, <paramref name="east"/> metres to its side, and both keep sending.
    private static Cam[] Beside(double east) =>
        [new(A, 0, 0, 14), new(A, 100, 1.4, 14), new(A, 200, 2.8, 14), new(B, 205, 2.87, 14, East: east), new(A, 300, 4.2, 14), new(B, 305, 4.27, 14, East: east)];

    private static Cam[] Braking(HashedId8 signer, double from, double deceleration)
    {
        var cams = new List<Cam>();
        var (v, x) = (from, 0.0);
        for (var i = 0; v > 0; i++)
        {
            cams.Add(new Cam(signer, i * 100, x, v, Acc: deceleration));
            x += Math.Max(0, (v * 0.1) + (0.5 * deceleration * 0.01));
            v += deceleration * 0.1;
        }

        return [.. cams];
    }

    private static Cam[] Turn(HashedId8 signer, double speed, double degreesPerStep) =>
        [.. Enumerable.Range(0, 10).Select(i => new Cam(signer, i * 100, speed * i * 0.1, speed, Heading: (i * degreesPerStep) % 360))];

    // Dead-reckoned CAMs in a tunnel, their confidence grown to 40.94 m (out of range), then the first GNSS fix 35 m back.
    private static Cam[] TunnelExit(HashedId8 signer)
    {
        var cams = Enumerable.Range(0, 20).Select(i => new Cam(signer, i * 100, 14 * i * 0.1, 14, Confidence: 40.94)).ToList();
        cams.Add(new Cam(signer, 2000, (14 * 2.0) - 35, 14, Confidence: 3));
        return [.. cams];
    }
}
