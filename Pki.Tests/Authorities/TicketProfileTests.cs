using Pki.Authorities;
using PkiProtocol;
using PkiProtocol.Client;
using V2x.Facilities.ItsContainer;
using V2x.Facilities.Permissions;
using V2x.Security;
using V2x.Security.Certificates;

namespace Pki.Tests.Authorities;

/// <summary>
/// Issue 10, hole 6: the CAM and DENM SSPs of an AT follow the station's registered type and role (what the EA knows
/// since manufacture), not the request: a car gets no emergency, rescue or roadworks cause code and no special-vehicle
/// container whatever it asks; an emergency vehicle, a road-works vehicle, a rescue vehicle, a bus and a safety car get
/// theirs (Authorities/TicketPermissions, Docs/pki.md). A request may narrow the grant, never widen it.
/// </summary>
public sealed class TicketProfileTests
{
    // name, station type, role, DENM cause code, granted
    public static TheoryData<string, StationType, VehicleRole, CauseCodeType, bool> CauseRows => new()
    {
        { "car: dangerous situation (EEBL)", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.DangerousSituation, true },
        { "car: stationary vehicle", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.StationaryVehicle, true },
        { "car: accident", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.Accident, true },
        { "car: emergency vehicle approaching", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.EmergencyVehicleApproaching, false },
        { "car: rescue and recovery work in progress", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.RescueAndRecoveryWorkInProgress, false },
        { "car: roadworks", StationType.PassengerCar, VehicleRole.Default, CauseCodeType.Roadworks, false },
        { "taxi: emergency vehicle approaching", StationType.PassengerCar, VehicleRole.Taxi, CauseCodeType.EmergencyVehicleApproaching, false },
        { "heavy truck: slow vehicle", StationType.HeavyTruck, VehicleRole.Default, CauseCodeType.SlowVehicle, true },
        { "emergency vehicle: emergency vehicle approaching", StationType.SpecialVehicles, VehicleRole.Emergency, CauseCodeType.EmergencyVehicleApproaching, true },
        { "emergency vehicle: rescue and recovery work", StationType.SpecialVehicles, VehicleRole.Emergency, CauseCodeType.RescueAndRecoveryWorkInProgress, true },
        { "emergency vehicle: roadworks", StationType.SpecialVehicles, VehicleRole.Emergency, CauseCodeType.Roadworks, false },
        { "road-works vehicle: roadworks", StationType.SpecialVehicles, VehicleRole.RoadWork, CauseCodeType.Roadworks, true },
        { "road-works vehicle: emergency vehicle approaching", StationType.SpecialVehicles, VehicleRole.RoadWork, CauseCodeType.EmergencyVehicleApproaching, false },
        { "rescue vehicle: rescue and recovery work", StationType.SpecialVehicles, VehicleRole.Rescue, CauseCodeType.RescueAndRecoveryWorkInProgress, true },
        { "rescue vehicle: emergency vehicle approaching", StationType.SpecialVehicles, VehicleRole.Rescue, CauseCodeType.EmergencyVehicleApproaching, false },
        { "bus (public transport): emergency vehicle approaching", StationType.Bus, VehicleRole.PublicTransport, CauseCodeType.EmergencyVehicleApproaching, false },
    };

    [Theory]
    [MemberData(nameof(CauseRows))]
    public void The_denm_ssp_grants_the_cause_codes_of_the_registered_station(string name, StationType type, VehicleRole role, CauseCodeType cause, bool granted)
    {
        using var bench = new TestBench();
        var ticket = TicketFor(bench, type, role, request: null);

        var permitted = DenmSsp.Permitted(Ssp(ticket, Psid.Denm));
        Assert.True(granted == permitted.Contains(cause), $"{name}: the ticket permits {string.Join(", ", permitted)}");
    }

    // name, station type, role, CAM SSP granted
    public static TheoryData<string, StationType, VehicleRole, byte[]> CamRows => new()
    {
        { "car: no special-vehicle container", StationType.PassengerCar, VehicleRole.Default, [0x01, 0x00, 0x00] },
        { "emergency vehicle: emergency container, right of way, free crossing", StationType.SpecialVehicles, VehicleRole.Emergency, [0x01, 0x02, 0x60] },
        { "road-works vehicle: road works container, closed lanes", StationType.SpecialVehicles, VehicleRole.RoadWork, [0x01, 0x08, 0x80] },
        { "rescue vehicle: rescue container", StationType.SpecialVehicles, VehicleRole.Rescue, [0x01, 0x04, 0x00] },
        { "safety car: safety car container, no passing (for trucks), speed limit", StationType.SpecialVehicles, VehicleRole.SafetyCar, [0x01, 0x01, 0x1C] },
        { "bus: public transport container", StationType.Bus, VehicleRole.PublicTransport, [0x01, 0x40, 0x00] },
        { "truck: dangerous goods container", StationType.HeavyTruck, VehicleRole.DangerousGoods, [0x01, 0x10, 0x00] },
    };

    [Theory]
    [MemberData(nameof(CamRows))]
    public void The_cam_ssp_grants_the_container_of_the_registered_role(string name, StationType type, VehicleRole role, byte[] expected)
    {
        using var bench = new TestBench();
        var ticket = TicketFor(bench, type, role, request: null);
        Assert.True(expected.AsSpan().SequenceEqual(Ssp(ticket, Psid.Cam)), $"{name}: {Convert.ToHexString(Ssp(ticket, Psid.Cam))}");
    }

    // Known answers (Docs/pki.md, ticket SSP profiles; bits of EN 302 637-3 / TS 103 831 §6.2.2.2, most significant first).
    [Theory]
    [InlineData("car", StationType.PassengerCar, VehicleRole.Default, "01DFBFEF")]
    [InlineData("road-works vehicle", StationType.SpecialVehicles, VehicleRole.RoadWork, "01FFBFEF")]
    [InlineData("rescue vehicle", StationType.SpecialVehicles, VehicleRole.Rescue, "01DFFFEF")]
    [InlineData("emergency vehicle", StationType.SpecialVehicles, VehicleRole.Emergency, "01DFFFFF")]
    public void The_denm_ssp_of_each_profile_is_the_documented_vector(string name, StationType type, VehicleRole role, string hex)
    {
        using var bench = new TestBench();
        var ticket = TicketFor(bench, type, role, request: null);
        Assert.True(hex == Convert.ToHexString(Ssp(ticket, Psid.Denm)), $"{name}: {Convert.ToHexString(Ssp(ticket, Psid.Denm))}");
    }

    [Fact]
    public void The_request_cannot_widen_the_grant_only_narrow_it()
    {
        using var bench = new TestBench();
        var everything = new TicketRequest
        {
            Permissions = [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF])), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF]))],
        };
        var car = TicketFor(bench, StationType.PassengerCar, VehicleRole.Default, everything, "car");
        Assert.Equal(TicketPermissions.Profile(StationType.PassengerCar, VehicleRole.Default).Denm, Ssp(car, Psid.Denm).ToArray());
        Assert.Equal([0x01, 0x00, 0x00], Ssp(car, Psid.Cam).ToArray());

        var onlyEmergencyApproaching = new TicketRequest
        {
            Permissions = [new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap(DenmSsp.For([CauseCodeType.EmergencyVehicleApproaching])))],
        };
        var emergency = TicketFor(bench, StationType.SpecialVehicles, VehicleRole.Emergency, onlyEmergencyApproaching, "ambulance");
        Assert.Equal([CauseCodeType.EmergencyVehicleApproaching], DenmSsp.Permitted(Ssp(emergency, Psid.Denm)));
        Assert.DoesNotContain(emergency.ToBeSigned.AppPermissions!, p => p.Psid == Psid.Cam);
    }

    [Fact]
    public void A_denm_ssp_of_another_version_is_denied_and_changes_nothing()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-v2");
        bench.Enrol(station);
        var before = StateSnapshot.Of(bench);
        var (bytes, _) = bench.AuthorizationRequest(station, V2x.Security.Crypto.EcdsaP256SignatureKey.Generate(),
            new TicketRequest { Permissions = [new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x02, 0xFF, 0xFF, 0xFF, 0xFF]))] });

        var error = Assert.Throws<PkiException>(() => bench.Pki.Aa.ProcessAuthorization(bytes));

        Assert.Equal(PkiFailure.DeniedPermissions, error.Failure);
        Assert.Equal(before, StateSnapshot.Of(bench));
    }

    // name, station type, role
    public static TheoryData<string, StationType, VehicleRole> RefusedRegistrations => new()
    {
        { "a passenger car as an emergency vehicle", StationType.PassengerCar, VehicleRole.Emergency },
        { "a passenger car as a road-works vehicle", StationType.PassengerCar, VehicleRole.RoadWork },
        { "a heavy truck as public transport", StationType.HeavyTruck, VehicleRole.PublicTransport },
        { "a pedestrian", StationType.Pedestrian, VehicleRole.Default },
        { "a road-side unit", StationType.RoadSideUnit, VehicleRole.Default },
        { "a reserved role", StationType.SpecialVehicles, VehicleRole.Reserved1 },
    };

    [Theory]
    [MemberData(nameof(RefusedRegistrations))]
    public void The_ea_registers_only_station_types_and_roles_that_go_together(string name, StationType type, VehicleRole role)
    {
        using var bench = new TestBench();
        var e = Record.Exception(() => bench.Register("odd", stationType: type, role: role));
        Assert.True(e is ArgumentException, $"{name}: {e?.GetType().Name ?? "registered"}");
        Assert.Empty(bench.Pki.Context.Store.GetStations());
    }

    [Fact]
    public void Station_type_and_role_survive_a_restart_and_a_schema_1_file_is_read_as_cars()
    {
        using var bench = new TestBench();
        bench.Register("ambulance", stationType: StationType.SpecialVehicles, role: VehicleRole.Emergency);
        bench.Restart();
        var station = Assert.Single(bench.Pki.Context.Store.GetStations());
        Assert.Equal((StationType.SpecialVehicles, VehicleRole.Emergency), (station.StationType, station.Role));

        // A state file written before station types (schema 1) opens with every station a car of the default role.
        bench.Pki.Dispose();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(bench.Folder, Pki.Store.PkiStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE stations DROP COLUMN station_type; ALTER TABLE stations DROP COLUMN vehicle_role; PRAGMA user_version=1";
            command.ExecuteNonQuery();
        }

        bench.Restart();
        station = Assert.Single(bench.Pki.Context.Store.GetStations());
        Assert.Equal((StationType.PassengerCar, VehicleRole.Default), (station.StationType, station.Role));
    }

    private static Certificate TicketFor(TestBench bench, StationType type, VehicleRole role, TicketRequest? request, string id = "obu-1")
    {
        var station = bench.Register(id, stationType: type, role: role);
        bench.Enrol(station);
        return bench.Authorize(station, request).Ticket;
    }

    private static ReadOnlySpan<byte> Ssp(Certificate ticket, Psid psid) =>
        ticket.ToBeSigned.AppPermissions!.Single(p => p.Psid == psid).Ssp!.Value.Span;
}
