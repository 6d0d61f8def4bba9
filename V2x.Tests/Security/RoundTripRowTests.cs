using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace V2x.Tests.Security;

/// <summary>Round trips of the alternatives the generators do not reach, as named rows.</summary>
public sealed class RoundTripRowTests
{
    private static readonly HeaderInfo Header = new() { Psid = Psid.Denm };

    private static readonly Signature Sig = Signature.FromRs(SignatureAlgorithm.EcdsaNistP256, new byte[32], new byte[32]);

    public static TheoryData<string, Ieee1609Dot2Data> Rows => new()
    {
        { "unsecuredData empty", Ieee1609Dot2Data.Unsecured([]) },
        { "unsecuredData 300 octets (long length)", Ieee1609Dot2Data.Unsecured(new byte[300]) },
        { "extDataHash sha256", Signed(new SignedDataPayload(null, new HashedData(HashAlgorithm.Sha256, new byte[32])), SignerIdentifier.Self) },
        { "extDataHash sha384", Signed(new SignedDataPayload(null, new HashedData(HashAlgorithm.Sha384, new byte[48])), SignerIdentifier.Self) },
        { "extDataHash sm3", Signed(new SignedDataPayload(null, new HashedData(HashAlgorithm.Sm3, new byte[32])), SignerIdentifier.Self) },
        { "omitted payload", Signed(new SignedDataPayload(null, null, omitted: true), SignerIdentifier.Self) },
        { "data and omitted", Signed(new SignedDataPayload(Ieee1609Dot2Data.Unsecured([1]), null, omitted: true), SignerIdentifier.Self) },
        { "signer certificate", Signed(new SignedDataPayload(Ieee1609Dot2Data.Unsecured([1]), null), SignerIdentifier.FromCertificate(new TestPki(SignatureAlgorithm.Sm2).Ticket)) },
        { "nested signed data", Signed(new SignedDataPayload(Signed(new SignedDataPayload(Ieee1609Dot2Data.Unsecured([7]), null), SignerIdentifier.Self), null), SignerIdentifier.Self) },
        { "implicit certificate in header", Signed(new SignedDataPayload(Ieee1609Dot2Data.Unsecured([1]), null), SignerIdentifier.Self, Header with { RequestedCertificate = Implicit() }) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decodes_and_re_encodes_to_the_same_octets(string name, Ieee1609Dot2Data data)
    {
        var decoded = Ieee1609Dot2Data.Decode(data.Encoded);
        var writer = new OerWriter();
        if (decoded.SignedData is { } s)
        {
            Ieee1609Dot2Data.Signed(new SignedData(s.HashId, ToBeSignedData.Create(s.TbsData.Payload, s.TbsData.HeaderInfo), s.Signer, s.Signature)).Encode(writer);
        }
        else
        {
            Ieee1609Dot2Data.Unsecured(decoded.Opaque.Span).Encode(writer);
        }

        Assert.True(data.Encoded.Span.SequenceEqual(writer.WrittenSpan), name);
    }

    private static Ieee1609Dot2Data Signed(SignedDataPayload payload, SignerIdentifier signer, HeaderInfo? header = null) =>
        Ieee1609Dot2Data.Signed(new SignedData(HashAlgorithm.Sha256, ToBeSignedData.Create(payload, header ?? Header), signer, Sig));

    private static Certificate Implicit() => Certificate.Create(CertificateType.Implicit, IssuerIdentifier.FromDigest(HashAlgorithm.Sha256, new HashedId8(1)),
        new ToBeSignedCertificate
        {
            Id = CertificateId.FromBinaryId([1, 2, 3]),
            ValidityPeriod = new ValidityPeriod(new V2x.Time.Time32(1), new Duration(DurationUnit.SixtyHours, 2)),
            VerifyKeyIndicator = VerificationKeyIndicator.FromReconstructionValue(EccP256CurvePoint.Compressed(new byte[32], true)),
        }, null);
}
