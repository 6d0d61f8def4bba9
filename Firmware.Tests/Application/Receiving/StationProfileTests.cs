using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using Pki.Authorities;
using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Issue 10, hole 6, at the receiver: a ticket carries the CAM and DENM SSPs of its station's registered type and
/// role (the bench PKI's profiles, Pki/Authorities/TicketPermissions; Pki.Tests checks the EA grants exactly them),
/// and the receiver's SSP check holds each station to them: a car is not acted on when it claims "emergency vehicle
/// approaching", rescue work or roadworks, nor with an emergency vehicle's CAM container; the vehicles entitled to
/// them are. One named row per cause code or container and station profile.
/// </summary>
public sealed class StationProfileTests
{
    private static readonly TestAuthority Authority = new("profile.test");

    private static readonly (StationType Type, VehicleRole Role) Car = (StationType.PassengerCar, VehicleRole.Default);
    private static readonly (StationType Type, VehicleRole Role) Emergency = (StationType.SpecialVehicles, VehicleRole.Emergency);
    private static readonly (StationType Type, VehicleRole Role) RoadWorks = (StationType.SpecialVehicles, VehicleRole.RoadWork);
    private static readonly (StationType Type, VehicleRole Role) Rescue = (StationType.SpecialVehicles, VehicleRole.Rescue);
    private static readonly (StationType Type, VehicleRole Role) Bus = (StationType.Bus, VehicleRole.PublicTransport);
    private static readonly (StationType Type, VehicleRole Role) SafetyCar = (StationType.SpecialVehicles, VehicleRole.SafetyCar);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["car, DENM dangerous situation (EEBL, 99): acted on"] = Denm(Car, CauseCodeType.DangerousSituation, true),
        ["car, DENM stationary vehicle (94): acted on"] = Denm(Car, CauseCodeType.StationaryVehicle, true),
        ["car, DENM wrong-way driving (14): acted on"] = Denm(Car, CauseCodeType.WrongWayDriving, true),
        ["car, DENM emergency vehicle approaching (95): refused"] = Denm(Car, CauseCodeType.EmergencyVehicleApproaching, false),
        ["car, DENM rescue and recovery work in progress (15): refused"] = Denm(Car, CauseCodeType.RescueAndRecoveryWorkInProgress, false),
        ["car, DENM roadworks (3): refused"] = Denm(Car, CauseCodeType.Roadworks, false),
        ["emergency vehicle, DENM emergency vehicle approaching (95): acted on"] = Denm(Emergency, CauseCodeType.EmergencyVehicleApproaching, true),
        ["emergency vehicle, DENM rescue and recovery work (15): acted on"] = Denm(Emergency, CauseCodeType.RescueAndRecoveryWorkInProgress, true),
        ["emergency vehicle, DENM accident (2): acted on"] = Denm(Emergency, CauseCodeType.Accident, true),
        ["emergency vehicle, DENM roadworks (3): refused"] = Denm(Emergency, CauseCodeType.Roadworks, false),
        ["road-works vehicle, DENM roadworks (3): acted on"] = Denm(RoadWorks, CauseCodeType.Roadworks, true),
        ["road-works vehicle, DENM emergency vehicle approaching (95): refused"] = Denm(RoadWorks, CauseCodeType.EmergencyVehicleApproaching, false),
        ["road-works vehicle, DENM rescue work (15): refused"] = Denm(RoadWorks, CauseCodeType.RescueAndRecoveryWorkInProgress, false),
        ["rescue vehicle, DENM rescue and recovery work (15): acted on"] = Denm(Rescue, CauseCodeType.RescueAndRecoveryWorkInProgress, true),
        ["rescue vehicle, DENM emergency vehicle approaching (95): refused"] = Denm(Rescue, CauseCodeType.EmergencyVehicleApproaching, false),
        ["car, plain CAM: acted on"] = Cam(Car, null, true),
        ["car, CAM with an emergency container: refused"] = Cam(Car, new EmergencyContainer(LightBarSirenInUse.SirenActivated), false),
        ["car, CAM with a road works container: refused"] = Cam(Car, new RoadWorksContainerBasic(LightBarSirenInUse.LightBarActivated), false),
        ["emergency vehicle, CAM asking right of way and free crossing: acted on"] = Cam(Emergency,
            new EmergencyContainer(LightBarSirenInUse.SirenActivated, EmergencyPriority: EmergencyPriority.RequestForRightOfWay | EmergencyPriority.RequestForFreeCrossingAtATrafficLight), true),
        ["emergency vehicle, CAM with a safety car container: refused"] = Cam(Emergency, new SafetyCarContainer(LightBarSirenInUse.LightBarActivated), false),
        ["road-works vehicle, CAM with closed lanes: acted on"] = Cam(RoadWorks,
            new RoadWorksContainerBasic(LightBarSirenInUse.LightBarActivated, ClosedLanes: new ClosedLanes(HardShoulderStatus.Closed)), true),
        ["road-works vehicle, CAM with an emergency container: refused"] = Cam(RoadWorks, new EmergencyContainer(LightBarSirenInUse.SirenActivated), false),
        ["bus, CAM with the public transport container: acted on"] = Cam(Bus, new PublicTransportContainer(true), true),
        ["bus, CAM with an emergency container: refused"] = Cam(Bus, new EmergencyContainer(LightBarSirenInUse.SirenActivated), false),
        ["safety car, CAM with a speed limit and no passing: acted on"] = Cam(SafetyCar,
            new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.NoPassing, SpeedLimitKilometresPerHour: 60), true),
    };

    public static TheoryData<string> Names => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_station_profile_is_held_to_its_cause_codes_and_containers(string name)
    {
        var row = Rows[name];
        var (cam, denm) = TicketPermissions.Profile(row.Station.Type, row.Station.Role);
        var station = new TestStation(Authority, permissions:
            [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap(cam)), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap(denm))]);
        using var receiver = new TestReceiver(Authority);
        var now = receiver.Now;
        var report = TestStation.Report(IntegrityLevel.NoAnomaly, 1, now);

        var frame = row.Cause is { } cause
            ? station.Denm(now, SignerChoice.Certificate, report, new CauseCode(cause, 0))
            : station.Cam(now, SignerChoice.Certificate, report, special: row.Container);
        var result = receiver.Process(frame);

        if (row.Accepted)
        {
            Assert.True(result.IsAccepted, $"{name}: {result.Stage} {result.Reason} {result.Detail}");
            Assert.Equal(TrustDecision.Act, result.Decision);
        }
        else
        {
            Assert.True((ReceiveStage.Permissions, ReceiveReason.SspNotPermitted) == (result.Stage, result.Reason), $"{name}: {result.Stage} {result.Reason} {result.Detail}");
        }
    }

    private static Row Denm((StationType, VehicleRole) station, CauseCodeType cause, bool accepted) => new(station, cause, null, accepted);

    private static Row Cam((StationType, VehicleRole) station, SpecialVehicleContainer? container, bool accepted) => new(station, null, container, accepted);

    private sealed record Row((StationType Type, VehicleRole Role) Station, CauseCodeType? Cause, SpecialVehicleContainer? Container, bool Accepted);
}
