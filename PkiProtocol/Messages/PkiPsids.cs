using V2x.Security;

namespace PkiProtocol.Messages;

/// <summary>The ITS-AIDs (PSIDs) the PKI messages and certificates use.</summary>
public static class PkiPsids
{
    /// <summary>ITS-AID 622, CRL service (ETSI TS 102 965; ETSI TS 102 941 v1.4.1 §6.3.3): signs CRLs.</summary>
    public static readonly Psid Crl = new(622);

    /// <summary>ITS-AID 623, secured certificate request service (ETSI TS 102 965; TS 102 941 v1.4.1 §6.2.3): signs requests and responses.</summary>
    public static readonly Psid CertificateRequest = new(623);

    /// <summary>
    /// PSID 0x1D, project-private (IEEE 1609.12 marks 0x1D-0x1E reserved for private use): misbehaviour
    /// reports to the bench misbehaviour authority. SSP: version 1, then flags (bit 0x01: the holder may
    /// file incident findings and implementation compromises). See Docs/pki.md.
    /// </summary>
    public static readonly Psid MisbehaviourReport = new(0x1D);

    /// <summary>
    /// PSID 0x0D, project-private (the IEEE RA PSID listing marks 0x0D "private", ISO 15628): an OBU's anomaly summaries
    /// to the sharing-community hub, signed with the vehicle's current authorization ticket (a detached signature over
    /// the posted TAXII envelope, Cti <c>EnvelopeSignature</c>; Docs/community.md "Signed submissions"). Distinct from
    /// the CAM and DENM PSIDs so that a summary signature can never pass as a V2X message and a V2X message never as a
    /// summary. SSP: opaque, one octet, version 1. Every ticket carries it (Pki EnrolmentAuthority).
    /// </summary>
    public static readonly Psid UpstreamSummary = new(0x0D);
}
