using V2x.Security;
using V2x.Security.Certificates;

namespace PkiProtocol.Client;

/// <summary>What a station asks of an AT: its CAM/DENM permissions and, for a batch, when it should start.</summary>
public sealed record TicketRequest
{
    /// <summary>CAM (SSP version 1, no special container) and DENM (SSP version 1, all cause codes), as ETSI TS 103 900 / 103 831 lay them out.</summary>
    public static IReadOnlyList<PsidSsp> DefaultPermissions { get; } =
    [
        new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])),
        new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF])),
    ];

    public IReadOnlyList<PsidSsp> Permissions { get; init; } = DefaultPermissions;

    /// <summary>The wished start (rounded down to the AA's quantum), or null for now.</summary>
    public DateTimeOffset? Start { get; init; }
}
