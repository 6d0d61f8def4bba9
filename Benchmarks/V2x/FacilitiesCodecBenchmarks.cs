using BenchmarkDotNet.Attributes;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Link;
using V2x.Per;
using V2x.Stack;

namespace Benchmarks.V2x;

/// <summary>
/// UPER encode and decode of a typical CAM (high- and low-frequency containers, 3 path points)
/// and DENM (emergency electronic brake light with a location container), and the whole unsecured
/// frame: Ethernet + GeoNetworking SHB + BTP-B + CAM built and taken apart again through V2x/Stack.
/// No target is set for these; the figures show the codec's share of a signed message's budget.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class FacilitiesCodecBenchmarks
{
    private static readonly ReferencePosition Position =
        new(487668620, 114320680, new PosConfidenceEllipse(250, 180, 450), new Altitude(37200, AltitudeConfidence.Alt001_00));

    private static readonly LongPositionVector Source = new(
        new GnAddress(false, GnStationType.PassengerCar, MacAddress.Parse("02:00:5e:10:00:01")),
        new GnTimestamp(1195063035), 487668616, 114320679, true, 1389, 900);

    private readonly CamMessage cam = new(
        1001,
        new CoopAwareness(
            new GenerationDeltaTime(4219),
            new CamParameters(
                new BasicContainer(StationType.PassengerCar, Position),
                new BasicVehicleContainerHighFrequency(
                    new Heading(900, 10), new Speed(1389, 50), DriveDirection.Forward,
                    new VehicleLength(46, VehicleLengthConfidenceIndication.NoTrailerPresent), 18,
                    new Acceleration(-12, 5), new Curvature(-25, CurvatureConfidence.OnePerMeter0_0001),
                    CurvatureCalculationMode.YawRateUsed, new YawRate(-150, YawRateConfidence.DegSec000_10)),
                new BasicVehicleContainerLowFrequency(
                    VehicleRole.Default, ExteriorLights.LowBeamHeadlightsOn,
                    new PathHistory(SequenceOf.Of(
                        new PathPoint(new DeltaReferencePosition(-120, 45, 0), 10),
                        new PathPoint(new DeltaReferencePosition(-240, 90, 1), 20),
                        new PathPoint(new DeltaReferencePosition(-360, 135, 1), 30)))))));

    private readonly DenmMessage denm = new(
        2001,
        new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(new ActionId(2001, 7), new TimestampIts(599616000123), new TimestampIts(599616000173), Position,
                StationType.PassengerCar, RelevanceDistance: RelevanceDistance.LessThan200m, ValidityDurationSeconds: 20, TransmissionIntervalMilliseconds: 100),
            new SituationContainer(5, new CauseCode(CauseCodeType.DangerousSituation, SubCauseCodes.EmergencyElectronicBrakeEngaged)),
            new LocationContainer(SequenceOf.Of(PathHistory.Empty), new Speed(0, 10), new Heading(900, 20))));

    private byte[] camBytes = [];
    private byte[] denmBytes = [];
    private byte[] frame = [];

    [GlobalSetup]
    public void Setup()
    {
        camBytes = CamCodec.Encode(cam);
        denmBytes = DenmCodec.Encode(denm);
        frame = BuildFrame();
    }

    [Benchmark]
    public byte[] EncodeCam() => CamCodec.Encode(cam);

    [Benchmark]
    public CamMessage DecodeCam() => CamCodec.Decode(camBytes);

    [Benchmark]
    public byte[] EncodeDenm() => DenmCodec.Encode(denm);

    [Benchmark]
    public DenmMessage DecodeDenm() => DenmCodec.Decode(denmBytes);

    [Benchmark]
    public byte[] BuildFrame() => FrameBuilder.BuildUnsecured(new FrameRequest(
        FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), Source, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));

    [Benchmark]
    public CamMessage ParseFrame() => FrameParser.ParseUnsecured(frame).Cam!;
}
