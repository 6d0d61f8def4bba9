using Org.BouncyCastle.Security;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace V2x.Tests.Security;

/// <summary>A small PKI built by the tests: a self-signed root and an authorization ticket under it.</summary>
internal sealed class TestPki
{
    public static readonly Time64 Now = Time64.FromUtc(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public TestPki(SignatureAlgorithm algorithm, byte? integrityAssurance = 5)
    {
        RootKey = NewKey(algorithm);
        Root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.bench.test"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(RootKey.PublicKey),
        }, RootKey);

        TicketKey = NewKey(algorithm);
        IReadOnlyList<PsidSsp> permissions =
        [
            new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])),
            new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF])),
        ];
        if (integrityAssurance is { } level)
        {
            permissions = IntegrityAssurance.Put(permissions, level);
        }

        Ticket = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Hours, 168 * 20)),
            Region = GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]),
            AssuranceLevel = 0x40,
            AppPermissions = permissions,
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(TicketKey.PublicKey),
        }, Root, RootKey);
        Signer = new SpduSigner(TicketKey, Ticket);
    }

    public ISignatureKey RootKey { get; }

    public Certificate Root { get; }

    public ISignatureKey TicketKey { get; }

    public Certificate Ticket { get; }

    public SpduSigner Signer { get; }

    public SpduVerifier NewVerifier(VerificationKeyCache cache)
    {
        var verifier = new SpduVerifier(cache);
        verifier.Trust(Root);
        return verifier;
    }

    public static ISignatureKey NewKey(SignatureAlgorithm algorithm) => algorithm == SignatureAlgorithm.EcdsaNistP256
        ? EcdsaP256SignatureKey.Generate()
        : BouncyCastleSignatureKey.Generate(algorithm, new SecureRandom());

    /// <summary>A CAM-sized opaque payload (the CAM codec lives elsewhere).</summary>
    public static byte[] CamPayload(int size = 100)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++)
        {
            payload[i] = (byte)(i * 37);
        }

        return payload;
    }
}
