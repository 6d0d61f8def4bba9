using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Permissions;

/// <summary>
/// The version-1 service-specific permissions of the CA basic service (EN 302 637-2 v1.4.1 §6.2.2.2; the same
/// version-1 layout in ETSI TS 103 900 v2.1.1 §6.2.2.2): octet 0 the version (1); octet 1 one bit per
/// special-vehicle container (bit 0, the least significant: safety car; 1 emergency; 2 rescue; 3 road works;
/// 4 dangerous goods; 5 special transport; 6 public transport; 7 CEN DSRC tolling zone / protected
/// communication zones of an RSU); octet 2 the restricted fields inside them (bit 7 closed lanes, 6 request for
/// right of way, 5 request for free crossing at a traffic light, 4 no passing, 3 no passing for trucks, 2 speed
/// limit). Cross-checked against an open implementation (kurkpitaine/veloce, veloce/src/security/ssp/cam.rs:
/// the same octet and bit per permission). A CAM without a special-vehicle container needs only the version.
/// The one layout the PKI writes (ticket profiles) and the receiver checks (SspCheck).
/// </summary>
public static class CamSsp
{
    /// <summary>The SSP version described here.</summary>
    public const byte Version = 1;

    /// <summary>Octets of a version-1 CAM SSP.</summary>
    public const int Length = 3;

    /// <summary>Octet 1: the safety car container.</summary>
    public const byte SafetyCar = 0x01;

    /// <summary>Octet 1: the emergency container.</summary>
    public const byte Emergency = 0x02;

    /// <summary>Octet 1: the rescue container.</summary>
    public const byte Rescue = 0x04;

    /// <summary>Octet 1: the road works container.</summary>
    public const byte RoadWorks = 0x08;

    /// <summary>Octet 1: the dangerous goods container.</summary>
    public const byte DangerousGoods = 0x10;

    /// <summary>Octet 1: the special transport container.</summary>
    public const byte SpecialTransport = 0x20;

    /// <summary>Octet 1: the public transport container.</summary>
    public const byte PublicTransport = 0x40;

    /// <summary>Octet 2: closed lanes (road works container).</summary>
    public const byte ClosedLanes = 0x80;

    /// <summary>Octet 2: request for right of way (emergency container).</summary>
    public const byte RequestForRightOfWay = 0x40;

    /// <summary>Octet 2: request for free crossing at a traffic light (emergency container).</summary>
    public const byte RequestForFreeCrossing = 0x20;

    /// <summary>Octet 2: no passing (safety car container's traffic rule).</summary>
    public const byte NoPassing = 0x10;

    /// <summary>Octet 2: no passing for trucks (safety car container's traffic rule).</summary>
    public const byte NoPassingForTrucks = 0x08;

    /// <summary>Octet 2: speed limit (safety car container).</summary>
    public const byte SpeedLimit = 0x04;

    /// <summary>The version-1 SSP with these container bits (octet 1) and restricted-field bits (octet 2).</summary>
    public static byte[] For(byte containers, byte restricted) => [Version, containers, restricted];

    /// <summary>The octet-1 bit and the octet-2 bits a special-vehicle container needs.</summary>
    /// <exception cref="ArgumentException">A container type this layout does not know.</exception>
    public static (byte Container, byte Restricted, string Name) Bits(SpecialVehicleContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return container switch
        {
            SafetyCarContainer car => (SafetyCar, (byte)(TrafficRuleBits(car.TrafficRule) | (car.SpeedLimitKilometresPerHour is null ? 0 : SpeedLimit)), "safety car"),
            EmergencyContainer e => (Emergency, (byte)(((e.EmergencyPriority ?? EmergencyPriority.None).HasFlag(EmergencyPriority.RequestForRightOfWay) ? RequestForRightOfWay : 0)
                | ((e.EmergencyPriority ?? EmergencyPriority.None).HasFlag(EmergencyPriority.RequestForFreeCrossingAtATrafficLight) ? RequestForFreeCrossing : 0)), "emergency"),
            RescueContainer => (Rescue, 0, "rescue"),
            RoadWorksContainerBasic works => (RoadWorks, (byte)(works.ClosedLanes is null ? 0 : ClosedLanes), "road works"),
            DangerousGoodsContainer => (DangerousGoods, 0, "dangerous goods"),
            SpecialTransportContainer => (SpecialTransport, 0, "special transport"),
            PublicTransportContainer => (PublicTransport, 0, "public transport"),
            _ => throw new ArgumentException($"unknown special-vehicle container {container.GetType().Name}", nameof(container)),
        };
    }

    private static byte TrafficRuleBits(TrafficRule? rule) => rule switch
    {
        TrafficRule.NoPassing => NoPassing,
        TrafficRule.NoPassingForTrucks => NoPassingForTrucks,
        _ => 0,
    };
}
