using Firmware.Application.Trust;
using PkiProtocol.Messages;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// A test PKI with the bench's shape: a root, an authorization authority under it, tickets under the AA
/// (region Germany, CAM and DENM permissions, the IDF assurance permission when asked), and CRLs as the PKI
/// issues them (ToBeSignedCrl). The real PKI service is used where the tests need HTTP (fetch, refresh).
/// </summary>
internal sealed class TestAuthority
{
    public static readonly DateTimeOffset Now = Firmware.Tests.Support.TestBench.Start;

    public static readonly IReadOnlyList<PsidSsp> CamAndDenm =
    [
        new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])),
        new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF])),
    ];

    public TestAuthority(string name = "app.test")
    {
        RootKey = EcdsaP256SignatureKey.Generate();
        Root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root." + name),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(RootKey.PublicKey),
        }, RootKey);
        AaKey = EcdsaP256SignatureKey.Generate();
        Aa = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa." + name),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 5)),
            Region = GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(AaKey.PublicKey),
        }, Root, RootKey);
    }

    public EcdsaP256SignatureKey RootKey { get; }

    public Certificate Root { get; }

    public EcdsaP256SignatureKey AaKey { get; }

    public Certificate Aa { get; }

    /// <summary>A ticket for <paramref name="key"/>: valid from 2026-01-01 for 20 weeks, Germany, CAM and DENM, IDF assurance when given.</summary>
    public Certificate Ticket(PublicVerificationKey key, byte? assurance = 5, GeographicRegion? region = null, ValidityPeriod? validity = null,
        IReadOnlyList<PsidSsp>? permissions = null, PsidSsp? rawIdfPermission = null)
    {
        IReadOnlyList<PsidSsp> list = permissions ?? CamAndDenm;
        if (assurance is { } level)
        {
            list = IntegrityAssurance.Put(list, level);
        }

        if (rawIdfPermission is not null)
        {
            list = [.. list, rawIdfPermission];
        }

        return CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = validity ?? new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Hours, 168 * 20)),
            Region = region,
            AssuranceLevel = 0x40,
            AppPermissions = list,
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
        }, Aa, AaKey);
    }

    /// <summary>A CRL issued now, current for a day.</summary>
    public static ToBeSignedCrl Crl(DateTimeOffset now, params HashedId8[] entries) =>
        new(Time32.FromUtc(now), Time32.FromUtc(now.AddDays(1)), entries);

    /// <summary>A trust store with the root pinned and the AA validated under it.</summary>
    public TrustStore NewTrustStore()
    {
        var trust = new TrustStore(Root);
        trust.AddCa(Aa, Time64.FromUtc(Now));
        return trust;
    }

    /// <summary>Current CRLs of the root and the AA, the AA's listing <paramref name="revokedTickets"/>.</summary>
    public RevocationSet Crls(DateTimeOffset now, params HashedId8[] revokedTickets)
    {
        var set = new RevocationSet();
        set.Apply(Root.HashedId8, Crl(now));
        set.Apply(Aa.HashedId8, Crl(now, revokedTickets));
        return set;
    }
}
