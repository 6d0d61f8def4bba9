using V2x.Security;
using V2x.Security.Certificates;

namespace PkiProtocol.Client;

/// <summary>What a station asks of an AT: its CAM/DENM permissions and, for a batch, when it should start.</summary>
public sealed record TicketRequest
{
    /// <summary>
    /// CAM and DENM, SSP version 1 with every bit asked (ETSI TS 103 900 / 103 831 layouts): the EA confirms the bits
    /// the station's registered type and role allow (a car: no special-vehicle container, no emergency, rescue or
    /// roadworks cause codes; Docs/pki.md), so the station need not know its own profile.
    /// </summary>
    public static IReadOnlyList<PsidSsp> DefaultPermissions { get; } =
    [
        new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF])),
        new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF])),
    ];

    public IReadOnlyList<PsidSsp> Permissions { get; init; } = DefaultPermissions;

    /// <summary>The wished start (rounded down to the AA's quantum), or null for now.</summary>
    public DateTimeOffset? Start { get; init; }
}
