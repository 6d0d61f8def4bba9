using PkiProtocol;
using V2x.Facilities.ItsContainer;
using V2x.Facilities.Permissions;
using V2x.Security;
using V2x.Security.Certificates;

namespace Pki.Authorities;

/// <summary>
/// The CAM and DENM permissions (PSID 36 and 37 with their SSPs) an AT may carry, from what the EA knows of the
/// station since its registration at manufacture: its ITS station type and vehicle role (ETSI TS 102 894-2
/// DE_StationType, DE_VehicleRole), never from the request alone. The EA confirms the requested SSP bits that the
/// profile allows and no others (TS 102 941 v1.4.1 §6.2.3.4: the EA confirms the subject attributes).
/// <para>
/// DENM (bit layout <see cref="DenmSsp"/>): every vehicle may raise the causes its own sensors and driver can
/// observe (traffic condition, accident, adverse weather, hazardous locations, human presence, wrong-way
/// driving, slow vehicle, end of queue, breakdown, post crash, human problem, stationary vehicle, dangerous
/// curve, collision risk, signal violation, dangerous situation, which includes the emergency electronic brake
/// light); "roadworks" (3) only a road-works vehicle, "rescue and recovery work in progress" (15) only rescue and
/// emergency vehicles, "emergency vehicle approaching" (95) only emergency vehicles: the split the C-ITS service
/// profiles make of who triggers those warnings (draft Delegated Regulation on C-ITS, Annex I, Ares(2019)153204:
/// emergency vehicle approaching from emergency vehicles, road works warnings from road operators' vehicles).
/// CAM (bit layout <see cref="CamSsp"/>, EN 302 637-2 §6.2.2.2): the special-vehicle container of the role and
/// its restricted fields, nothing for a vehicle without a role.
/// </para>
/// </summary>
public static class TicketPermissions
{
    /// <summary>The DENM cause codes any vehicle may raise.</summary>
    public static IReadOnlyList<CauseCodeType> VehicleCauses { get; } =
        [.. DenmSsp.CauseCodes.Where(c => c is not (CauseCodeType.Roadworks or CauseCodeType.RescueAndRecoveryWorkInProgress or CauseCodeType.EmergencyVehicleApproaching))];

    /// <summary>The station types the bench PKI registers: road vehicles and trams (TS 102 894-2 values 3 to 11).</summary>
    public static IReadOnlyList<StationType> VehicleTypes { get; } =
    [
        StationType.Moped, StationType.Motorcycle, StationType.PassengerCar, StationType.Bus, StationType.LightTruck,
        StationType.HeavyTruck, StationType.Trailer, StationType.SpecialVehicles, StationType.Tram,
    ];

    /// <summary>The CAM and DENM SSPs (version 1) a station of this type and role may be granted.</summary>
    /// <exception cref="ArgumentException">A station type or role the EA does not register together (<see cref="Check"/>).</exception>
    public static (byte[] Cam, byte[] Denm) Profile(StationType stationType, VehicleRole role)
    {
        Check(stationType, role);
        return role switch
        {
            VehicleRole.PublicTransport => (CamSsp.For(CamSsp.PublicTransport, 0), DenmSsp.For(VehicleCauses)),
            VehicleRole.SpecialTransport => (CamSsp.For(CamSsp.SpecialTransport, 0), DenmSsp.For(VehicleCauses)),
            VehicleRole.DangerousGoods => (CamSsp.For(CamSsp.DangerousGoods, 0), DenmSsp.For(VehicleCauses)),
            VehicleRole.RoadWork => (CamSsp.For(CamSsp.RoadWorks, CamSsp.ClosedLanes), DenmSsp.For([.. VehicleCauses, CauseCodeType.Roadworks])),
            VehicleRole.Rescue => (CamSsp.For(CamSsp.Rescue, 0), DenmSsp.For([.. VehicleCauses, CauseCodeType.RescueAndRecoveryWorkInProgress])),
            VehicleRole.Emergency => (CamSsp.For(CamSsp.Emergency, CamSsp.RequestForRightOfWay | CamSsp.RequestForFreeCrossing),
                DenmSsp.For([.. VehicleCauses, CauseCodeType.RescueAndRecoveryWorkInProgress, CauseCodeType.EmergencyVehicleApproaching])),
            VehicleRole.SafetyCar => (CamSsp.For(CamSsp.SafetyCar, CamSsp.NoPassing | CamSsp.NoPassingForTrucks | CamSsp.SpeedLimit), DenmSsp.For(VehicleCauses)),
            _ => (CamSsp.For(0, 0), DenmSsp.For(VehicleCauses)),
        };
    }

    /// <summary>
    /// Checks that the EA registers a station of this type with this role: a vehicle type (3 to 11); public transport
    /// on a bus or tram; special transport and dangerous goods on a truck or special vehicle; road works, rescue,
    /// emergency and safety car on a special vehicle (TS 102 894-2 stationType specialVehicles, whose CAMs carry the
    /// special-vehicle container, EN 302 637-2 §6.1.3); no reserved role.
    /// </summary>
    /// <exception cref="ArgumentException">Any other combination.</exception>
    public static void Check(StationType stationType, VehicleRole role)
    {
        if (!VehicleTypes.Contains(stationType))
        {
            throw new ArgumentException($"station type {stationType} ({(int)stationType}) is not a vehicle type the EA registers (3..11)", nameof(stationType));
        }

        var allowed = role switch
        {
            VehicleRole.PublicTransport => stationType is StationType.Bus or StationType.Tram,
            VehicleRole.SpecialTransport or VehicleRole.DangerousGoods => stationType is StationType.LightTruck or StationType.HeavyTruck or StationType.SpecialVehicles,
            VehicleRole.RoadWork or VehicleRole.Rescue or VehicleRole.Emergency or VehicleRole.SafetyCar => stationType == StationType.SpecialVehicles,
            VehicleRole.Default or VehicleRole.Agriculture or VehicleRole.Commercial or VehicleRole.Military or VehicleRole.RoadOperator or VehicleRole.Taxi => true,
            _ => false,
        };
        if (!allowed)
        {
            throw new ArgumentException($"role {role} is not registered for station type {stationType}", nameof(role));
        }
    }

    /// <summary>
    /// What the EA confirms of a requested CAM or DENM permission: the requested SSP bits the station's profile
    /// allows (a version-1 SSP of the profile's length). A requested SSP of another version is refused.
    /// </summary>
    /// <exception cref="PkiException">A CAM or DENM SSP that is not version 1 (deniedpermissions).</exception>
    public static PsidSsp Confirm(PsidSsp requested, StationType stationType, VehicleRole role)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var (cam, denm) = Profile(stationType, role);
        var profile = requested.Psid == Psid.Cam ? cam : requested.Psid == Psid.Denm ? denm
            : throw new ArgumentException($"psid {requested.Psid} is not CAM or DENM", nameof(requested));
        ReadOnlySpan<byte> asked = requested.Ssp is { } ssp ? ssp.Value.Span : [];
        if (asked.Length < 1 || asked[0] != profile[0])
        {
            throw new PkiException(PkiFailure.DeniedPermissions,
                $"psid {requested.Psid}: SSP version {(asked.Length > 0 ? asked[0] : 0)} requested, version {profile[0]} is granted (deniedpermissions)");
        }

        var granted = new byte[profile.Length];
        granted[0] = profile[0];
        for (var i = 1; i < granted.Length; i++)
        {
            granted[i] = (byte)(profile[i] & (i < asked.Length ? asked[i] : 0));
        }

        return new PsidSsp(requested.Psid, ServiceSpecificPermissions.Bitmap(granted));
    }
}
