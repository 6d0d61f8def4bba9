using V2x.Facilities.Cam;
using V2x.Facilities.Permissions;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Receiving;

/// <summary>
/// Service-specific permissions of CAMs and DENMs, version 1, with the bit layouts of V2x
/// <see cref="CamSsp"/> (EN 302 637-2 v1.4.1 §6.2.2.2, TS 103 900 v2.1.1 §6.2.2.2) and <see cref="DenmSsp"/>
/// (EN 302 637-3 v1.3.1, TS 103 831 v2.2.1 §6.2.2.2), the ones the PKI writes. CAM: version octet 1; a CAM with a
/// special-vehicle container needs the container's bit in octet 1 and the bits of its restricted fields in
/// octet 2, so a car's ticket cannot claim an emergency vehicle's priority; a CAM without one needs only the
/// version. DENM: version octet 1, then the cause code's bit; a DENM whose event type's bit is clear (or has no
/// bit in version 1) is refused.
/// </summary>
internal static class SspCheck
{
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

        if (octets.Length < DenmSsp.Length)
        {
            return $"the DENM SSP has {octets.Length} octets, version 1 has {DenmSsp.Length}";
        }

        var cause = situation.EventType.Cause;
        return DenmSsp.Bit(cause) is { } bit
            ? (octets[bit.Octet] & bit.Mask) != 0 ? null : $"the DENM SSP does not permit cause code {cause} ({(int)cause})"
            : $"a version-1 DENM SSP has no bit for cause code {cause} ({(int)cause})";
    }

    private static string? CheckCam(ReadOnlySpan<byte> octets, SpecialVehicleContainer special)
    {
        var (container, restricted, name) = CamSsp.Bits(special);
        if (octets.Length < CamSsp.Length)
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
