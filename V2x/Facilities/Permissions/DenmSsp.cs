using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Permissions;

/// <summary>
/// The version-1 service-specific permissions of the DEN basic service (EN 302 637-3 v1.3.1; the same version-1
/// layout in ETSI TS 103 831 v2.2.1 §6.2.2.2): octet 0 the version (1), then three octets with one bit per
/// cause code, most significant bit first, in the order of <see cref="CauseCodes"/> (octet 1: trafficCondition,
/// accident, roadworks, adverseWeatherCondition-Adhesion, hazardousLocation-SurfaceCondition, -ObstacleOnTheRoad,
/// -AnimalOnTheRoad, humanPresenceOnTheRoad; octet 2: wrongWayDriving, rescueAndRecoveryWorkInProgress,
/// adverseWeatherCondition-ExtremeWeatherCondition, -Visibility, -Precipitation, slowVehicle, dangerousEndOfQueue,
/// vehicleBreakdown; octet 3: postCrash, humanProblem, stationaryVehicle, emergencyVehicleApproaching,
/// hazardousLocation-DangerousCurve, collisionRisk, signalViolation, dangerousSituation). Cross-checked against
/// an open implementation (kurkpitaine/veloce, veloce/src/security/ssp/denm.rs: the same octet and bit per cause).
/// A cause code without a bit in version 1 (impassability, aquaplaning, ...) cannot be permitted by it.
/// The one layout the PKI writes (ticket profiles) and the receiver checks (SspCheck).
/// </summary>
public static class DenmSsp
{
    /// <summary>The SSP version described here.</summary>
    public const byte Version = 1;

    /// <summary>Octets of a version-1 DENM SSP.</summary>
    public const int Length = 4;

    /// <summary>The cause codes of octets 1 to 3, most significant bit first.</summary>
    public static IReadOnlyList<CauseCodeType> CauseCodes { get; } =
    [
        CauseCodeType.TrafficCondition, CauseCodeType.Accident, CauseCodeType.Roadworks, CauseCodeType.AdverseWeatherConditionAdhesion,
        CauseCodeType.HazardousLocationSurfaceCondition, CauseCodeType.HazardousLocationObstacleOnTheRoad, CauseCodeType.HazardousLocationAnimalOnTheRoad, CauseCodeType.HumanPresenceOnTheRoad,
        CauseCodeType.WrongWayDriving, CauseCodeType.RescueAndRecoveryWorkInProgress, CauseCodeType.AdverseWeatherConditionExtremeWeatherCondition, CauseCodeType.AdverseWeatherConditionVisibility,
        CauseCodeType.AdverseWeatherConditionPrecipitation, CauseCodeType.SlowVehicle, CauseCodeType.DangerousEndOfQueue, CauseCodeType.VehicleBreakdown,
        CauseCodeType.PostCrash, CauseCodeType.HumanProblem, CauseCodeType.StationaryVehicle, CauseCodeType.EmergencyVehicleApproaching,
        CauseCodeType.HazardousLocationDangerousCurve, CauseCodeType.CollisionRisk, CauseCodeType.SignalViolation, CauseCodeType.DangerousSituation,
    ];

    /// <summary>The octet and bit mask of a cause code in a version-1 DENM SSP, or null when version 1 has no bit for it.</summary>
    public static (int Octet, byte Mask)? Bit(CauseCodeType cause)
    {
        for (var i = 0; i < CauseCodes.Count; i++)
        {
            if (CauseCodes[i] == cause)
            {
                return (1 + (i / 8), (byte)(0x80 >> (i % 8)));
            }
        }

        return null;
    }

    /// <summary>The version-1 SSP permitting exactly <paramref name="causes"/>.</summary>
    /// <exception cref="ArgumentException">A cause code without a bit in version 1.</exception>
    public static byte[] For(IEnumerable<CauseCodeType> causes)
    {
        ArgumentNullException.ThrowIfNull(causes);
        var ssp = new byte[Length];
        ssp[0] = Version;
        foreach (var cause in causes)
        {
            var (octet, mask) = Bit(cause) ?? throw new ArgumentException($"a version-1 DENM SSP has no bit for cause code {cause} ({(int)cause})", nameof(causes));
            ssp[octet] |= mask;
        }

        return ssp;
    }

    /// <summary>The cause codes a version-1 SSP permits (empty for another version or a short SSP).</summary>
    public static IReadOnlyList<CauseCodeType> Permitted(ReadOnlySpan<byte> ssp)
    {
        if (ssp.Length < Length || ssp[0] != Version)
        {
            return [];
        }

        var list = new List<CauseCodeType>();
        foreach (var cause in CauseCodes)
        {
            var (octet, mask) = Bit(cause)!.Value;
            if ((ssp[octet] & mask) != 0)
            {
                list.Add(cause);
            }
        }

        return list;
    }
}
