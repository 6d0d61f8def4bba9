using Firmware.Application.Composition;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Nano.Board;
using Firmware.Nano.Partition;
using Firmware.Nano.Tests.Support;
using Hardware.Positioning;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security;
using V2x.Stack;

namespace Firmware.Nano.Tests.Receiving;

/// <summary>
/// Messages the MCU signs through the simulated secure element, framed as the application frames them
/// (FrameBuilder.ToBeSignedPayload, then WrapSecured), go through the OBU's receive pipeline
/// (Firmware/Application/Receiving): accepted, with the decision row and the decision the report warrants.
/// The MCU names its signer by digest; the receiver holds the ticket as it would after fetching it from the PKI.
/// </summary>
public sealed class ReceivePipelineTests
{
    private static readonly PositionFix Munich = new(true, 48.13743, 11.57549, 519, 13.9, 0, NanoAuthority.Now, 1.5);
    private static readonly StationIdentity Identity = new(0x1234_5678, V2x.Link.MacAddress.Parse("02:00:00:00:12:34"));

    public static TheoryData<string, Action<Esp32Rig>, IntegrityLevel, DecisionRow> Rows => new()
    {
        { "clean MCU", _ => { }, IntegrityLevel.NoAnomaly, DecisionRow.AssuredNoAnomaly },
        { "after a brown-out", r => r.Chip.LastReset = ResetReason.Brownout, IntegrityLevel.Anomaly, DecisionRow.AssuredAnomaly },
        { "an unexpected task", r => r.Chip.Tasks.Add(new TaskInfo("miner", 2000)), IntegrityLevel.HighAnomaly, DecisionRow.AssuredHighAnomaly },
        { "a tampered nanoCLR", r => r.Flash.Bytes[r.Set.Partitions["factory"].OffsetBytes + 5] ^= 0x80, IntegrityLevel.Compromised, DecisionRow.AssuredCompromised },
    };

    /// <summary>
    /// The MCU evaluates five detector classes (integrity check, memory, process, crash, secure-element tamper); a
    /// receiver policy that accepts five is the one these rows use. Under the default policy (six) a clean MCU is row 10:
    /// see <see cref="A_clean_mcu_checks_too_few_classes_for_the_default_policy"/>.
    /// </summary>
    private static readonly DecisionPolicy McuAwarePolicy = new() { MinimumCoverageCount = 5 };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Cam_and_denm_are_decided_by_the_report(string name, Action<Esp32Rig> fault, IntegrityLevel level, DecisionRow row)
    {
        using var rig = new Esp32Rig();
        fault(rig);
        var (_, _, _, partition) = rig.Start();
        var policy = McuAwarePolicy;
        using var receiver = Receiver(rig, policy);
        for (var i = 0; i < 3; i++)
        {
            foreach (var denm in new[] { false, true })
            {
                rig.Time.Advance(TimeSpan.FromMilliseconds(100));
                var frame = Sign(rig, partition, denm);
                var result = receiver.Pipeline.Process(frame, "mcu");
                Assert.True(result.IsAccepted, $"{name} ({(denm ? "DENM" : "CAM")} {i}): {result.Reason} {result.Detail}");
                Assert.Equal(level, result.ReportLevel);
                Assert.Equal(row, result.Row);
                Assert.Equal(policy.LevelDecisions[level], result.Decision);
                Assert.Equal((byte)5, result.Assurance);
            }
        }
    }

    [Fact]
    public void A_clean_mcu_checks_too_few_classes_for_the_default_policy()
    {
        using var rig = new Esp32Rig();
        var (_, _, _, partition) = rig.Start();
        using var receiver = Receiver(rig, new DecisionPolicy());
        var result = receiver.Pipeline.Process(Sign(rig, partition, denm: false), "mcu");
        Assert.True(result.IsAccepted, $"{result.Reason} {result.Detail}");
        Assert.Equal(IntegrityLevel.NoAnomaly, result.ReportLevel);
        Assert.Equal(DecisionRow.AssuredNoAnomalyInsufficientCoverage, result.Row);
        Assert.Equal(TrustDecision.ActWithCaution, result.Decision);
    }

    [Fact]
    public void A_replayed_mcu_frame_is_rejected()
    {
        using var rig = new Esp32Rig();
        var (_, _, _, partition) = rig.Start();
        using var receiver = Receiver(rig);
        var frame = Sign(rig, partition, denm: false);
        Assert.True(receiver.Pipeline.Process(frame, "mcu").IsAccepted);
        rig.Time.Advance(TimeSpan.FromMilliseconds(50));
        var replay = receiver.Pipeline.Process(frame, "attacker");
        Assert.False(replay.IsAccepted);
    }

    [Fact]
    public void A_frame_changed_after_signing_is_rejected()
    {
        using var rig = new Esp32Rig();
        var (_, _, _, partition) = rig.Start();
        using var receiver = Receiver(rig);
        var frame = Sign(rig, partition, denm: false);
        frame[^70] ^= 0x01;
        Assert.False(receiver.Pipeline.Process(frame, "mcu").IsAccepted);
    }

    private static ReceivePipelineHarness Receiver(Esp32Rig rig, DecisionPolicy? policy = null)
    {
        var pipeline = new ReceivePipeline(new ReceiverOptions
        {
            Decisions = policy ?? McuAwarePolicy,
            Trust = rig.Authority.NewTrustStore(),
            Clock = rig.Time,
            Revocations = rig.Authority.Crls(rig.Time.GetUtcNow()),
            Name = "receiver",
        });
        pipeline.AddCertificate(rig.Ticket);
        return new ReceivePipelineHarness(pipeline);
    }

    private static byte[] Sign(Esp32Rig rig, McuSecurePartition partition, bool denm)
    {
        var now = rig.Time.GetUtcNow();
        var request = denm ? DenmRequest(now) : CamRequest(now);

        // The application composes; the MCU partition checks, augments and signs; the application frames.
        var payload = FrameBuilder.ToBeSignedPayload(request);
        var location = denm ? FrameBuilder.HeaderInfoFor(request).GenerationLocation : null;
        var spdu = partition.AugmentAndSign(payload, request.Payload.Psid.Value,
            location is { } l ? new Firmware.Nano.Security.ThreeDLocation(l.LatitudeTenthMicrodegrees, l.LongitudeTenthMicrodegrees, l.Elevation) : null, true);
        return FrameBuilder.WrapSecured(request, spdu);
    }

    private static FrameRequest CamRequest(DateTimeOffset time)
    {
        var fix = Munich with { FixTime = time };
        var cam = CamComposer.Cam(Identity, CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
        return new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), CamComposer.PositionVector(Identity, GnStationType.PassengerCar, fix), time);
    }

    private static FrameRequest DenmRequest(DateTimeOffset time)
    {
        var fix = Munich with { FixTime = time };
        var detected = TimestampIts.FromUtc(time);
        var denm = new DenmMessage(Identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(new ActionId(Identity.StationId, 7), detected, detected, CamComposer.ReferencePosition(fix), StationType.PassengerCar,
                null, ValidityDurationSeconds: 10),
            new SituationContainer(1, new CauseCode(CauseCodeType.DangerousSituation, 1))));
        var position = CamComposer.PositionVector(Identity, GnStationType.PassengerCar, fix);
        return new FrameRequest(FacilitiesPayload.FromDenm(denm),
            GnTransport.GeoBroadcastCircle(1, position.LatitudeTenthMicrodegrees, position.LongitudeTenthMicrodegrees, 300), position, time)
        {
            ElevationDecimetres = 5190,
        };
    }

    private sealed class ReceivePipelineHarness(ReceivePipeline pipeline) : IDisposable
    {
        public ReceivePipeline Pipeline { get; } = pipeline;

        public void Dispose()
        {
            Pipeline.Dispose();
            Pipeline.Trust.Dispose();
        }
    }
}
