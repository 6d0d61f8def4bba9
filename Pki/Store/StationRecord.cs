using PkiProtocol.Audit;
using V2x.Facilities.ItsContainer;
using V2x.Security.Crypto;

namespace Pki.Store;

/// <summary>
/// A station as registered at manufacture (issue 3 item 2): canonical identifier and public key, vendor and
/// product, IDF implementation, the SubjectAssurance level of its V2X application (0..7, shared by its
/// model), its station type and vehicle role (what its tickets may claim), whether it may file investigation
/// findings, and whether it is blocked.
/// </summary>
public sealed record StationRecord
{
    public required string StationId { get; init; }

    public required PublicVerificationKey CanonicalKey { get; init; }

    public required string Vendor { get; init; }

    public required string Product { get; init; }

    public required IdfImplementation Idf { get; init; }

    /// <summary>The assurance level (0..7) of the rich-side V2X application (patent ¶203), written to assuranceLevel bits 7-5.</summary>
    public byte AssuranceLevel { get; init; }

    /// <summary>The ITS station type (ETSI TS 102 894-2 DE_StationType): with <see cref="Role"/>, the CAM and DENM SSPs its ATs may carry (Authorities/TicketPermissions).</summary>
    public StationType StationType { get; init; } = StationType.PassengerCar;

    /// <summary>The vehicle role (ETSI TS 102 894-2 DE_VehicleRole): emergency, road works, ... or default.</summary>
    public VehicleRole Role { get; init; } = VehicleRole.Default;

    /// <summary>May file incident findings and implementation compromises to the misbehaviour authority.</summary>
    public bool Investigator { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? BlockedAt { get; init; }

    public string? BlockReason { get; init; }
}
