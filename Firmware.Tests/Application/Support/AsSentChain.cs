using System.Security.Cryptography;
using Firmware.Application.Composition;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;
using HashAlgorithm = V2x.Security.Crypto.HashAlgorithm;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// A root, an AA and a ticket made the way riebl/vanetza makes its chain (Testing/Vectors/vanetza/README.md): the
/// AA written with an uncompressed key and signed by the root over that encoding as written, the ticket naming the
/// AA by the hash of the AA as written and signed with that encoding as signer input. Unlike vanetza's own chain,
/// its permissions are consistent (the ticket has CAM and DENM only), so what a receiver decides about it depends
/// on the hashing policy alone. Generated here; no vanetza key is involved.
/// </summary>
internal sealed class AsSentChain
{
    public AsSentChain()
    {
        var start = Time32.FromUtc(Now.AddDays(-1));
        RootKey = EcdsaP256SignatureKey.Generate();
        Root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.as-sent.test"),
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(start, new Duration(DurationUnit.Years, 5)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(RootKey.PublicKey),
        }, RootKey);

        using var aaEcdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = aaEcdsa.ExportParameters(true);
        AaKey = EcdsaP256SignatureKey.FromPrivateKey(q.D);
        var uncompressed = new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Uncompressed(q.Q.X, q.Q.Y));
        Aa = SignAsWritten(IssuerIdentifier.FromDigest(HashAlgorithm.Sha256, Root.HashedId8), new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa.as-sent.test"),
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(start, new Duration(DurationUnit.Years, 2)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(uncompressed),
        }, RootKey, Root.Encoded);

        TicketKey = EcdsaP256SignatureKey.Generate();
        Ticket = SignAsWritten(IssuerIdentifier.FromDigest(HashAlgorithm.Sha256, Aa.AsSentHashedId8), new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(start, new Duration(DurationUnit.Hours, 168)),
            AssuranceLevel = 0x40,
            AppPermissions = TestAuthority.CamAndDenm,
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(TicketKey.PublicKey),
        }, AaKey, Aa.Encoded);
    }

    public DateTimeOffset Now { get; } = TestAuthority.Now;

    public EcdsaP256SignatureKey RootKey { get; }

    public Certificate Root { get; }

    public EcdsaP256SignatureKey AaKey { get; }

    /// <summary>The AA: not canonical (uncompressed key), signed over its encoding as written.</summary>
    public Certificate Aa { get; }

    public EcdsaP256SignatureKey TicketKey { get; }

    /// <summary>The ticket: canonical itself, naming its AA by the hash of the AA as written.</summary>
    public Certificate Ticket { get; }

    /// <summary>A CAM of a legacy sender (no report) signed by the ticket, carrying it.</summary>
    public byte[] Cam(DateTimeOffset time)
    {
        var identity = new StationIdentity(0x0BAD_CAFE, V2x.Link.MacAddress.Parse("02:00:00:0b:ad:ca"));
        return FrameBuilder.BuildSigned(TestStation.CamRequest(identity, time), new SpduSigner(TicketKey, Ticket), SignerChoice.Certificate, (IntegrityReport?)null);
    }

    // The signature over the toBeSigned octets as written, with the issuer's encoding as written as signer input.
    private static Certificate SignAsWritten(IssuerIdentifier issuer, ToBeSignedCertificate toBeSigned, ISignatureKey key, ReadOnlyMemory<byte> issuerAsWritten)
    {
        var placeholder = Certificate.Create(CertificateType.Explicit, issuer, toBeSigned, Signature.FromRs(SignatureAlgorithm.EcdsaNistP256, new byte[32], new byte[32]));
        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(key.Algorithm, placeholder.ToBeSignedEncoded.Span, SignatureInput.SignerHash(HashAlgorithm.Sha256, issuerAsWritten.Span), null, digest);
        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        key.SignDigest(digest, r, s);
        return Certificate.Create(CertificateType.Explicit, issuer, toBeSigned, Signature.FromRs(key.Algorithm, r, s));
    }
}
