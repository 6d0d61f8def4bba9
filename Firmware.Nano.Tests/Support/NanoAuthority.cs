using Firmware.Application.Trust;
using PkiProtocol.Messages;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Nano.Tests.Support;

/// <summary>
/// A test PKI of the bench's shape (root, authorization authority, tickets for Germany with CAM and DENM permissions
/// and the IDF assurance permission, CRLs as the PKI issues them), the shape Firmware.Tests' TestAuthority gives
/// the receive tests. Tickets are issued for keys the simulated secure element generated.
/// </summary>
public sealed class NanoAuthority
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public NanoAuthority()
    {
        RootKey = EcdsaP256SignatureKey.Generate();
        Root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.nano.test"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(RootKey.PublicKey),
        }, RootKey);
        AaKey = EcdsaP256SignatureKey.Generate();
        Aa = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa.nano.test"),
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

    /// <summary>A ticket for the secure element's public key (X ‖ Y), CAM and DENM, IDF assurance <paramref name="assurance"/>.</summary>
    public Certificate Ticket(byte[] publicKeyXy, byte assurance = 5) => Ticket(
        new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Uncompressed(publicKeyXy.AsSpan(0, 32), publicKeyXy.AsSpan(32, 32)).ToCompressed()),
        assurance);

    public Certificate Ticket(PublicVerificationKey key, byte assurance = 5) => CertificateIssuer.Issue(new ToBeSignedCertificate
    {
        Id = CertificateId.None,
        CracaId = new HashedId3(0),
        ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Hours, 168 * 20)),
        AssuranceLevel = 0x40,
        AppPermissions = IntegrityAssurance.Put(
            [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF]))],
            assurance),
        VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
    }, Aa, AaKey);

    public TrustStore NewTrustStore()
    {
        var trust = new TrustStore(Root);
        trust.AddCa(Aa, Time64.FromUtc(Now));
        return trust;
    }

    public RevocationSet Crls(DateTimeOffset now)
    {
        var set = new RevocationSet();
        set.Apply(Root.HashedId8, new ToBeSignedCrl(Time32.FromUtc(now), Time32.FromUtc(now.AddDays(1)), []));
        set.Apply(Aa.HashedId8, new ToBeSignedCrl(Time32.FromUtc(now), Time32.FromUtc(now.AddDays(1)), []));
        return set;
    }
}
