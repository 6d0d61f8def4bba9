using V2x.Facilities.ItsContainer;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Receiving;

/// <summary>
/// Service-specific permissions of CAMs and DENMs, version 1. CAM (EN 302 637-2 v1.4.1, CAM SSP): the SSP
/// starts with its version octet 1; the bits for special-vehicle containers are not checked here (the
/// bench's stations send none). DENM (EN 302 637-3 v1.3.1; the same version-1 layout in TS 103 831 v2.2.1
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

        if (psid == Psid.Cam || frame.Denm?.Denm.Situation is not { } situation)
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
}
