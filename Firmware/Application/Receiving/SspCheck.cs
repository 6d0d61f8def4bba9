using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Receiving;

/// <summary>
/// Service-specific permissions of CAMs and DENMs, version 1. CAM (EN 302 637-2 v1.4.1 §6.2.2.2; the same
/// version-1 layout in TS 103 900 v2.1.1 §6.2.2.2): version octet 1; a CAM with a special-vehicle container
/// needs the container's bit in octet 1 (bit 0 safety car, 1 emergency, 2 rescue, 3 road works, 4 dangerous
/// goods, 5 special transport, 6 public transport; bit 0 is the least significant), and the restricted fields
/// inside it their bits in octet 2 (bit 7 closed lanes, 6 request for right of way, 5 request for free
/// crossing at a traffic light, 4 no passing, 3 no passing for trucks, 2 speed limit): a car's ticket cannot
/// claim an emergency vehicle's priority. A CAM without a special-vehicle container needs only the version.
/// DENM (EN 302 637-3 v1.3.1; the same version-1 layout in TS 103 831 v2.2.1
/// §6.2.2.2): version octet 1, then three octets with one bit per cause code, most significant bit first,
/// in the order below; a DENM whose event type's bit is clear (or has no bit in version 1) is refused.
/// </summary>
internal static class SspCheck
{
    // Octets 1 to 3 of a version-1 DENM SSP, most significant bit first.
    private static readonly CauseCodeType[] DenmBits =
    [
        CauseCodeType.TrafficCondition, CauseCodeType.Accident, CauseCodeType.Roadworks, CauseCodeType.AdverseWeatherConditionAdhesion,
        CauseCodeType.HazardousLocationSurfaceCondition, CauseCodeType.HazardousLocationObstacleOnTheRoad, CauseCodeType.HazardousLocationAnimalOnTheRoad, CauseCodeType.HumanPresenceOnTheRoad,
        CauseCodeType.WrongWayDriving, CauseCodeType.RescueAndRecoveryWorkInProgress, CauseCodeType.AdverseWeatherConditionExtremeWeatherCondition, CauseCodeType.AdverseWeatherConditionVisibility,
        CauseCodeType.AdverseWeatherConditionPrecipitation, CauseCodeType.SlowVehicle, CauseCodeType.DangerousEndOfQueue, CauseCodeType.VehicleBreakdown,
        CauseCodeType.PostCrash, CauseCodeType.HumanProblem, CauseCodeType.StationaryVehicle, CauseCodeType.EmergencyVehicleApproaching,
        CauseCodeType.HazardousLocationDangerousCurve, CauseCodeType.CollisionRisk, CauseCodeType.SignalViolation, CauseCodeType.DangerousSituation,
    ];

    /// <summary>The octet and bit mask of a cause code in a version-1 DENM SSP, or null when version 1 has no bit for it.</summary>
    public static (int Octet, byte Mask)? DenmBit(CauseCodeType cause)
    {
        var i = Array.IndexOf(DenmBits, cause);
        return i < 0 ? null : (1 + (i / 8), (byte)(0x80 >> (i % 8)));
    }

    /// <summary>Null when the SSP permits the content, else why not.</summary>
    public static string? Check(Psid psid, ServiceSpecificPermissions? ssp, DecodedFrame frame)
    {
        if (psid != Psid.Cam && psid != Psid.Denm)
        {
            return null;
        }

        var octets = ssp is null ? [] : ssp.Value.Span;
        if (octets.Length < 1 || octets[0] != 1)
        {
            return ssp is null ? $"the ticket's permission for PSID {psid} has no SSP" : $"SSP version {(octets.Length > 0 ? octets[0] : 0)} for PSID {psid} (1 is understood)";
        }

        if (psid == Psid.Cam)
        {
            return frame.Cam?.Cam.CamParameters.SpecialVehicleContainer is { } special ? CheckCam(octets, special) : null;
        }

        if (frame.Denm?.Denm.Situation is not { } situation)
        {
            return null;
        }

        if (octets.Length < 4)
        {
            return $"the DENM SSP has {octets.Length} octets, version 1 has 4";
        }

        var cause = situation.EventType.Cause;
        return DenmBit(cause) is { } bit
            ? (octets[bit.Octet] & bit.Mask) != 0 ? null : $"the DENM SSP does not permit cause code {cause} ({(int)cause})"
            : $"a version-1 DENM SSP has no bit for cause code {cause} ({(int)cause})";
    }

    /// <summary>The octet-1 bit and the octet-2 bits a special-vehicle container needs in a version-1 CAM SSP.</summary>
    public static (byte Container, byte Restricted, string Name) CamBits(SpecialVehicleContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return container switch
        {
            SafetyCarContainer car => (0x01, (byte)(TrafficRuleBits(car.TrafficRule) | (car.SpeedLimitKilometresPerHour is null ? 0 : 0x04)), "safety car"),
            EmergencyContainer e => (0x02, (byte)(((e.EmergencyPriority ?? EmergencyPriority.None).HasFlag(EmergencyPriority.RequestForRightOfWay) ? 0x40 : 0)
                | ((e.EmergencyPriority ?? EmergencyPriority.None).HasFlag(EmergencyPriority.RequestForFreeCrossingAtATrafficLight) ? 0x20 : 0)), "emergency"),
            RescueContainer => (0x04, 0, "rescue"),
            RoadWorksContainerBasic works => (0x08, (byte)(works.ClosedLanes is null ? 0 : 0x80), "road works"),
            DangerousGoodsContainer => (0x10, 0, "dangerous goods"),
            SpecialTransportContainer => (0x20, 0, "special transport"),
            PublicTransportContainer => (0x40, 0, "public transport"),
            _ => throw new ArgumentException($"unknown special-vehicle container {container.GetType().Name}", nameof(container)),
        };
    }

    private static byte TrafficRuleBits(TrafficRule? rule) => rule switch
    {
        TrafficRule.NoPassing => 0x10,
        TrafficRule.NoPassingForTrucks => 0x08,
        _ => 0,
    };

    private static string? CheckCam(ReadOnlySpan<byte> octets, SpecialVehicleContainer special)
    {
        var (container, restricted, name) = CamBits(special);
        if (octets.Length < 3)
        {
            return $"the CAM carries a {name} container; a version-1 CAM SSP of {octets.Length} octets grants none (3 are needed)";
        }

        if ((octets[1] & container) == 0)
        {
            return $"the CAM SSP does not permit the {name} container";
        }

        var missing = restricted & ~octets[2];
        return missing == 0 ? null : $"the CAM SSP does not permit the {name} container's restricted fields (octet 2 bits 0x{missing:X2})";
    }
}
