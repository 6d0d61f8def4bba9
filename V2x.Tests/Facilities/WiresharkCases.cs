using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Per;

namespace V2x.Tests.Facilities;

/// <summary>The named CAMs and DENMs whose frames tshark must dissect cleanly.</summary>
internal static class WiresharkCases
{
    public static readonly TimestampIts Detection = new(599616000123);

    private static readonly ReferencePosition Ingolstadt =
        new(487668620, 114320680, new PosConfidenceEllipse(250, 180, 450), new Altitude(37200, AltitudeConfidence.Alt001_00));

    private static readonly BasicVehicleContainerHighFrequency Driving = new(
        new Heading(900, 10), new Speed(1389, 50), DriveDirection.Forward,
        new VehicleLength(46, VehicleLengthConfidenceIndication.NoTrailerPresent), 18,
        new Acceleration(-12, 5), new Curvature(-25, CurvatureConfidence.OnePerMeter0_0001),
        CurvatureCalculationMode.YawRateUsed, new YawRate(-150, YawRateConfidence.DegSec000_10));

    public static IReadOnlyList<(string Name, CamMessage Cam, LongPositionVector Source)> Cams { get; } =
    [
        ("passenger car, high-frequency container only",
            Cam(1001, Driving), StackFrames.Source(487668616, 114320679, 1389, 900, 1195063035)),
        ("with low-frequency container and path history",
            Cam(1002, Driving with { AccelerationControl = AccelerationControl.BrakePedalEngaged | AccelerationControl.AccEngaged, LanePosition = 2 })
                .WithLowFrequency(new BasicVehicleContainerLowFrequency(VehicleRole.Default, ExteriorLights.LowBeamHeadlightsOn | ExteriorLights.LeftTurnSignalOn,
                    new PathHistory(SequenceOf.Of(new PathPoint(new DeltaReferencePosition(-120, 45, 0), 10), new PathPoint(new DeltaReferencePosition(-240, 90, 1)))))),
            StackFrames.Source(487668500, 114320600, 1389, 900, 1195063135)),
        ("emergency vehicle with every optional high-frequency component",
            Cam(1003, Driving with
            {
                SteeringWheelAngle = new SteeringWheelAngle(-4, 2),
                LateralAcceleration = new Acceleration(3, 4),
                VerticalAcceleration = new Acceleration(-1, 4),
                PerformanceClass = 1,
                CenDsrcTollingZone = new CenDsrcTollingZone(487000000, 114000000, 77),
            }).WithSpecial(new EmergencyContainer(LightBarSirenInUse.LightBarActivated | LightBarSirenInUse.SirenActivated,
                new CauseCode(CauseCodeType.RescueAndRecoveryWorkInProgress, 1), EmergencyPriority.RequestForRightOfWay)),
            StackFrames.Source(-338688000, 1512093000, -250, 2700, 7)),
        ("road-side unit with protected zones",
            Cam(1004, new RsuContainerHighFrequency(SequenceOf.Of(
                new ProtectedCommunicationZone(ProtectedZoneType.PermanentCenDsrcTolling, null, 487000000, 114000000, 50, 12345),
                new ProtectedCommunicationZone(ProtectedZoneType.TemporaryCenDsrcTolling, Detection, 487100000, 114100000)))),
            StackFrames.Source(487668616, 114320679, 0, 0, 99)),
    ];

    public static IReadOnlyList<(string Name, DenmMessage Denm, LongPositionVector Source, ushort SequenceNumber, GeoArea Area)> Denms { get; } =
    [
        ("emergency electronic brake light (cause 99, sub-cause 1)",
            Denm(2001, CauseCodeType.DangerousSituation, SubCauseCodes.EmergencyElectronicBrakeEngaged, null, null),
            StackFrames.Source(487668616, 114320679, 2500, 900, 1195063035), 1, GeoArea.Circle(487668616, 114320679, 500)),
        ("dangerous end of queue (cause 27, sub-cause 1) with traces, speed and heading",
            Denm(2002, CauseCodeType.DangerousEndOfQueue, SubCauseCodes.SuddenEndOfQueue,
                new LocationContainer(
                    SequenceOf.Of(
                        new PathHistory(SequenceOf.Of(new PathPoint(new DeltaReferencePosition(100, -50, 0), 100), new PathPoint(new DeltaReferencePosition(200, -100, 10), 200))),
                        PathHistory.Empty),
                    new Speed(0, 10), new Heading(1800, 20), RoadType.NonUrbanWithStructuralSeparationToOppositeLanes),
                null),
            StackFrames.Source(487668616, 114320679, 0, 1800, 1195064035), 2, GeoArea.Circle(487650000, 114320000, 2000)),
        ("every optional DENM container",
            new DenmMessage(2003, new DecentralizedEnvironmentalNotificationMessage(
                new ManagementContainer(new ActionId(2003, 65535), Detection, Detection, Ingolstadt, StationType.HeavyTruck,
                    Termination.IsNegation, RelevanceDistance.LessThan1000m, RelevanceTrafficDirection.UpstreamTraffic, 86400, 10000),
                new SituationContainer(7, new CauseCode(CauseCodeType.StationaryVehicle, 2), new CauseCode(CauseCodeType.VehicleBreakdown, 3),
                    SequenceOf.Of(new EventPoint(new DeltaReferencePosition(1, 2, 3), 65535, 5), new EventPoint(new DeltaReferencePosition(-1, -2, -3), null, 0))),
                new LocationContainer(SequenceOf.Of(PathHistory.Empty)),
                new AlacarteContainer(
                    3,
                    new ImpactReductionContainer(50, 60, 70, 80, SequenceOf.Of(10, 20), 30, 27, 30, 9,
                        PositionOfOccupants.Row1LeftOccupied | PositionOfOccupants.Row2NotPresent, 20, RequestResponseIndication.Response),
                    -12,
                    new RoadWorksContainerExtended(
                        LightBarSirenInUse.LightBarActivated,
                        new ClosedLanes(HardShoulderStatus.Closed, null, BitString.FromBits(true, false, true)),
                        SequenceOf.Of(StationType.HeavyTruck, StationType.Trailer),
                        60,
                        new CauseCode(CauseCodeType.Roadworks, 1),
                        SequenceOf.Of(Ingolstadt),
                        new DeltaReferencePosition(-500, 0, 0),
                        TrafficRule.PassToLeft,
                        SequenceOf.Of(new ActionId(2003, 1))),
                    PositioningSolutionType.DGnss,
                    new StationaryVehicleContainer(
                        StationarySince.LessThan15Minutes,
                        new CauseCode(CauseCodeType.VehicleBreakdown, 1),
                        new DangerousGoodsExtended(DangerousGoodsBasic.FlammableLiquids, 1203, false, true, false, "3YE", "0049 89 1234"),
                        2,
                        new VehicleIdentification("WVW", "ZZZ1KZ"),
                        EnergyStorageType.Diesel)))),
            StackFrames.Source(487668616, 114320679, 0, 0, 1), 3, new GeoArea(GeoAreaShape.Rectangle, 487668616, 114320679, 1000, 200, 45)),
    ];

    private static CamMessage Cam(uint station, HighFrequencyContainer high) =>
        new(station, new CoopAwareness(GenerationDeltaTime.FromTimestamp(Detection),
            new CamParameters(new BasicContainer(StationType.PassengerCar, Ingolstadt), high)));

    private static CamMessage WithLowFrequency(this CamMessage cam, BasicVehicleContainerLowFrequency low) =>
        cam with { Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { LowFrequencyContainer = low } } };

    private static CamMessage WithSpecial(this CamMessage cam, SpecialVehicleContainer special) =>
        cam with { Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { SpecialVehicleContainer = special } } };

    private static DenmMessage Denm(uint station, CauseCodeType cause, byte subCause, LocationContainer? location, AlacarteContainer? alacarte) =>
        new(station, new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(new ActionId(station, 7), Detection, new TimestampIts(Detection.Milliseconds + 50), Ingolstadt, StationType.PassengerCar,
                RelevanceDistance: RelevanceDistance.LessThan200m, RelevanceTrafficDirection: RelevanceTrafficDirection.UpstreamTraffic,
                ValidityDurationSeconds: 20, TransmissionIntervalMilliseconds: 100),
            new SituationContainer(5, new CauseCode(cause, subCause)),
            location,
            alacarte));
}
