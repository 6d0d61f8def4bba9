using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// The CAM service-specific permissions (EN 302 637-2 v1.4.1 §6.2.2.2 / TS 103 900 v2.1.1 §6.2.2.2, version 1:
/// octet 1 one bit per special-vehicle container, octet 2 one bit per restricted field): a ticket may sign a
/// special-vehicle container, and its emergency priority, closed lanes or traffic rules, only when its SSP grants
/// them. One named row per container and restricted field, each with its passing twin. Bit layout cross-checked
/// against the published TS 103 900 table as implemented by an independent open-source stack.
/// </summary>
public sealed class CamSspTests
{
    private static readonly TestAuthority Authority = new("cam-ssp.test");

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["a plain CAM needs only the version octet"] = new(null, [0x01], true),
        ["emergency container granted"] = new(new EmergencyContainer(LightBarSirenInUse.LightBarActivated | LightBarSirenInUse.SirenActivated), [0x01, 0x02, 0x00], true),
        ["emergency container with a version-only SSP"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated), [0x01], false),
        ["emergency container, every other container granted"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated), [0x01, 0xFD, 0xFF], false),
        ["emergency right of way without its bit"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated, EmergencyPriority: EmergencyPriority.RequestForRightOfWay), [0x01, 0x02, 0xBF], false),
        ["emergency right of way granted"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated, EmergencyPriority: EmergencyPriority.RequestForRightOfWay), [0x01, 0x02, 0x40], true),
        ["free crossing at a light without its bit"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated, EmergencyPriority: EmergencyPriority.RequestForFreeCrossingAtATrafficLight), [0x01, 0x02, 0x40], false),
        ["free crossing at a light granted"] = new(new EmergencyContainer(LightBarSirenInUse.SirenActivated, EmergencyPriority: EmergencyPriority.RequestForFreeCrossingAtATrafficLight), [0x01, 0x02, 0x20], true),
        ["safety car granted"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated), [0x01, 0x01, 0x00], true),
        ["safety car not granted"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated), [0x01, 0xFE, 0xFF], false),
        ["safety car speed limit without its bit"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, SpeedLimitKilometresPerHour: 60), [0x01, 0x01, 0xFB], false),
        ["safety car speed limit granted"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, SpeedLimitKilometresPerHour: 60), [0x01, 0x01, 0x04], true),
        ["safety car no passing without its bit"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.NoPassing), [0x01, 0x01, 0x08], false),
        ["safety car no passing granted"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.NoPassing), [0x01, 0x01, 0x10], true),
        ["safety car no passing for trucks without its bit"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.NoPassingForTrucks), [0x01, 0x01, 0x10], false),
        ["safety car no passing for trucks granted"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.NoPassingForTrucks), [0x01, 0x01, 0x08], true),
        ["safety car pass to the right needs no field bit"] = new(new SafetyCarContainer(LightBarSirenInUse.LightBarActivated, TrafficRule: TrafficRule.PassToRight), [0x01, 0x01, 0x00], true),
        ["rescue granted"] = new(new RescueContainer(LightBarSirenInUse.SirenActivated), [0x01, 0x04, 0x00], true),
        ["rescue not granted"] = new(new RescueContainer(LightBarSirenInUse.SirenActivated), [0x01, 0xFB, 0xFF], false),
        ["road works granted"] = new(new RoadWorksContainerBasic(LightBarSirenInUse.LightBarActivated), [0x01, 0x08, 0x00], true),
        ["road works closed lanes without its bit"] = new(new RoadWorksContainerBasic(LightBarSirenInUse.LightBarActivated, ClosedLanes: new ClosedLanes(HardShoulderStatus.Closed)), [0x01, 0x08, 0x7F], false),
        ["road works closed lanes granted"] = new(new RoadWorksContainerBasic(LightBarSirenInUse.LightBarActivated, ClosedLanes: new ClosedLanes(HardShoulderStatus.Closed)), [0x01, 0x08, 0x80], true),
        ["dangerous goods granted"] = new(new DangerousGoodsContainer(DangerousGoodsBasic.Explosives1), [0x01, 0x10, 0x00], true),
        ["dangerous goods not granted"] = new(new DangerousGoodsContainer(DangerousGoodsBasic.Explosives1), [0x01, 0xEF, 0xFF], false),
        ["special transport granted"] = new(new SpecialTransportContainer(SpecialTransportType.HeavyLoad, LightBarSirenInUse.LightBarActivated), [0x01, 0x20, 0x00], true),
        ["special transport not granted"] = new(new SpecialTransportContainer(SpecialTransportType.HeavyLoad, LightBarSirenInUse.LightBarActivated), [0x01, 0xDF, 0xFF], false),
        ["public transport granted"] = new(new PublicTransportContainer(true), [0x01, 0x40, 0x00], true),
        ["public transport not granted"] = new(new PublicTransportContainer(true), [0x01, 0xBF, 0xFF], false),
    };

    public static TheoryData<string> Names => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_special_vehicle_container_needs_its_ssp_bits(string name)
    {
        var row = Rows[name];
        using var receiver = new TestReceiver(Authority);
        var before = receiver.State;
        var permissions = new[] { new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap(row.Ssp)) };
        var station = new TestStation(Authority, permissions: permissions);
        var report = TestStation.Report(IntegrityLevel.NoAnomaly, 1000, receiver.Now);

        var result = receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, report, special: row.Special));

        if (row.Accepted)
        {
            Assert.True(result.IsAccepted, $"{name}: {result.Stage} {result.Reason} ({result.Detail})");
            Assert.Equal(row.Special, result.Frame!.Cam!.Cam.CamParameters.SpecialVehicleContainer);
            return;
        }

        Assert.True((ReceiveStage.Permissions, ReceiveReason.SspNotPermitted) == (result.Stage, result.Reason), $"{name}: {result.Stage} {result.Reason} ({result.Detail})");
        Assert.Equal(before, receiver.State);
    }

    private sealed record Row(SpecialVehicleContainer? Special, byte[] Ssp, bool Accepted);
}
