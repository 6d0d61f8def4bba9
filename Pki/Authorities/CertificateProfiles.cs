using PkiProtocol.Messages;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>
/// The ToBeSignedCertificate of every certificate the bench PKI issues (ETSI TS 103 097 v2.1.1 §7.2
/// profiles, IEEE 1609.2-2016 §6.4): the table in Docs/pki.md is this file.
/// </summary>
public static class CertificateProfiles
{
    /// <summary>The SSP of PSID 622 and 623 in CA certificates: version 1 (ETSI convention), no further bits.</summary>
    private static readonly ServiceSpecificPermissions ServiceSsp = ServiceSpecificPermissions.Bitmap([0x01]);

    /// <summary>
    /// SubjectAssurance of every CA certificate (IEEE 1609.2-2016 §6.4.27: level in bits 7-5, confidence in bits
    /// 1-0): level 7, confidence 3, the highest value, so no subject's assuranceLevel is above its issuer's. Strict
    /// chain checkers (riebl/vanetza's certificate validator, Docs/interop.md) refuse a subject with an
    /// assuranceLevel under an issuer without one or with a lower one; a ticket's level is at most 7 and never
    /// sets the reserved bits 4-2 (Docs/pki.md, "Chain consistency").
    /// </summary>
    public const byte CaAssurance = 0xE3;

    /// <summary>Root CA: self-signed, certIssuePermissions all with chains of up to two below it, signs CRLs (622).</summary>
    public static ToBeSignedCertificate Root(string name, PublicVerificationKey key, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName($"root.{name}"),
        CracaId = new HashedId3(0),
        CrlSeries = 0,
        ValidityPeriod = Validity(start, lifetime),
        AssuranceLevel = CaAssurance,
        AppPermissions = [new PsidSsp(PkiPsids.Crl, ServiceSsp)],
        CertIssuePermissions = [new PsidGroupPermissions { MinChainLength = 2, EeType = EndEntityTypes.App | EndEntityTypes.Enroll }],
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>EA: issues enrolment credentials (eeType enroll, PSID 623); signs responses (623) and its CRL (622); takes encrypted requests.</summary>
    public static ToBeSignedCertificate Enrolment(string name, PublicVerificationKey key, PublicEncryptionKey encryption, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName($"ea.{name}"),
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AssuranceLevel = CaAssurance,
        AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSsp), new PsidSsp(PkiPsids.Crl, ServiceSsp)],
        CertIssuePermissions = [new PsidGroupPermissions
        {
            ExplicitPermissions = [new PsidSspRange(PkiPsids.CertificateRequest, SspRange.All)],
            EeType = EndEntityTypes.Enroll,
        }],
        EncryptionKey = encryption,
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>
    /// AA (or per-model AA): issues ATs (eeType app) for CAM, DENM, misbehaviour reports and the IDF-assurance PSID.
    /// No region: the national restriction is in the tickets (IEEE 1609.2-2016 §6.4.8: a certificate without a
    /// region is valid wherever its issuer is, here the root's, which has none), so a checker that can only compare
    /// a subject's region with an issuer without one accepts the chain (Docs/pki.md, "Chain consistency").
    /// </summary>
    public static ToBeSignedCertificate Authorization(string id, PublicVerificationKey key, PublicEncryptionKey encryption, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName(id),
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AssuranceLevel = CaAssurance,
        AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSsp), new PsidSsp(PkiPsids.Crl, ServiceSsp)],
        CertIssuePermissions = [new PsidGroupPermissions
        {
            ExplicitPermissions = [.. TicketPsids.Select(p => new PsidSspRange(p, SspRange.All))],
            EeType = EndEntityTypes.App,
        }],
        EncryptionKey = encryption,
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>Audit CA: signs assessment records under the IDF-assurance PSID; issues nothing.</summary>
    public static ToBeSignedCertificate Audit(string name, PublicVerificationKey key, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName($"audit.{name}"),
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AssuranceLevel = CaAssurance,
        AppPermissions = [IntegrityAssurance.Permission(IntegrityAssurance.MaxLevel)],
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>
    /// Misbehaviour authority: issues nothing; holds the misbehaviour-report PSID 0x1D and the encryption key stations
    /// encrypt their reports for (IEEE 1609.2 certRecipInfo; Docs/misbehaviour.md).
    /// </summary>
    public static ToBeSignedCertificate Misbehaviour(string name, PublicVerificationKey key, PublicEncryptionKey encryption, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName($"ma.{name}"),
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AppPermissions = [new PsidSsp(PkiPsids.MisbehaviourReport, ServiceSsp)],
        EncryptionKey = encryption,
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>
    /// A service beside the PKI (the posture server, Docs/posture.md): an end-entity certificate issued by the root to a key
    /// the service holds, signing responses (PSID 623) and taking requests encrypted for its encryption key.
    /// </summary>
    public static ToBeSignedCertificate Service(string id, PublicVerificationKey key, PublicEncryptionKey encryption, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.FromName(id),
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSsp)],
        EncryptionKey = encryption,
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>EC: no name (the EA links it to the station in its own records), PSID 623 to sign AT requests.</summary>
    public static ToBeSignedCertificate EnrolmentCredential(PublicVerificationKey key, Time32 start, TimeSpan lifetime) => new()
    {
        Id = CertificateId.None,
        CracaId = new HashedId3(0),
        ValidityPeriod = Validity(start, lifetime),
        AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSsp)],
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>
    /// AT: id none, cracaId 0 and crlSeries 0 (TS 103 097 §7.2.1), quantised start and the PKI-wide lifetime,
    /// the PKI-wide region, the model's assuranceLevel, and the confirmed permissions with the IDF-assurance
    /// entry only when the EA confirmed a level. Nothing in it names the station or its EC.
    /// </summary>
    public static ToBeSignedCertificate Ticket(PublicVerificationKey key, PublicEncryptionKey? encryption, Time32 start, TimeSpan lifetime,
        GeographicRegion? region, byte? assuranceLevel, IReadOnlyList<PsidSsp> permissions, byte? integrityLevel) => new()
    {
        Id = CertificateId.None,
        CracaId = new HashedId3(0),
        CrlSeries = 0,
        ValidityPeriod = new ValidityPeriod(start, new Duration(DurationUnit.Hours, checked((ushort)lifetime.TotalHours))),
        Region = region,
        AssuranceLevel = assuranceLevel,
        AppPermissions = integrityLevel is { } level ? IntegrityAssurance.Put(permissions, level) : permissions,
        EncryptionKey = encryption,
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    };

    /// <summary>
    /// The permissions of <paramref name="permissions"/> that <paramref name="issuer"/>'s certIssuePermissions cover
    /// (IEEE 1609.2-2016 §5.1.2.4): an AA certified before a PSID joined <see cref="TicketPsids"/> leaves it out of its
    /// tickets rather than issue tickets that fail chain validation.
    /// </summary>
    public static IReadOnlyList<PsidSsp> IssuableBy(Certificate issuer, IReadOnlyList<PsidSsp> permissions)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(permissions);
        var groups = issuer.ToBeSigned.CertIssuePermissions ?? [];
        return permissions.Where(p => groups.Any(g => g.ExplicitPermissions is null || g.ExplicitPermissions.Any(e => e.Psid == p.Psid))).ToList();
    }

    /// <summary>The PSIDs an AT may carry.</summary>
    public static IReadOnlyList<Psid> TicketPsids { get; } = [Psid.Cam, Psid.Denm, PkiPsids.MisbehaviourReport, IntegrityAssurance.Psid, PkiPsids.UpstreamSummary];

    /// <summary>A validity of whole hours when the lifetime allows, else whole years (1609.2 Duration is a Uint16 count).</summary>
    internal static ValidityPeriod Validity(Time32 start, TimeSpan lifetime)
    {
        var hours = lifetime.TotalHours;
        return hours <= ushort.MaxValue && hours == Math.Floor(hours)
            ? new ValidityPeriod(start, new Duration(DurationUnit.Hours, (ushort)hours))
            : new ValidityPeriod(start, new Duration(DurationUnit.SixtyHours, checked((ushort)Math.Floor(hours / 60))));
    }
}
