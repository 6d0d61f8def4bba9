using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace V2x.Tests.Security;

/// <summary>Decoding and verifying real 1609.2 / TS 103 097 data produced outside this project.</summary>
public sealed class KnownAnswerTests
{
    [Fact]
    public void Vw_golf_cam_decodes_with_the_values_vanetza_expects()
    {
        var data = Ieee1609Dot2Data.Decode(Hex.Parse(ExternalVectors.VwGolfCam));
        var signed = data.SignedData!;
        Assert.Equal(Psid.Cam, signed.TbsData.HeaderInfo.Psid);
        Assert.Equal(HashAlgorithm.Sha256, signed.HashId);
        Assert.Equal(SignerKind.Certificate, signed.Signer.Kind);
        var at = signed.Signer.Certificates[0];
        Assert.Equal("127cff384ce0b890", at.HashedId8.ToString());
        Assert.Equal("56dfd6d627a362dc", at.Issuer.Digest.ToString());
        var cam = at.ToBeSigned.AppPermissions!.Single(p => p.Psid == Psid.Cam);
        Assert.True(cam.Ssp!.IsBitmap);
        Assert.Equal("010000", Hex.Of(cam.Ssp.Value.Span));
        Assert.Equal(86, signed.TbsData.Payload.Data!.Opaque.Length);
    }

    [Fact]
    public void Vw_golf_cam_signature_verifies_and_a_flipped_payload_byte_does_not()
    {
        using var cache = new VerificationKeyCache();
        var verifier = new SpduVerifier(cache) { RequireTrustedIssuer = false };
        var bytes = Hex.Parse(ExternalVectors.VwGolfCam);
        var verified = verifier.DecodeAndVerify(bytes);
        Assert.Equal("127cff384ce0b890", verified.Signer.Digest.ToString());

        var tampered = (byte[])bytes.Clone();
        tampered[20] ^= 0x01; // inside the CAM payload
        var error = Assert.Throws<VerificationException>(() => new SpduVerifier(new VerificationKeyCache()) { RequireTrustedIssuer = false }.DecodeAndVerify(tampered));
        Assert.Equal(VerificationFailure.BadSignature, error.Failure);
    }

    public static TheoryData<string, string, string> KoreanChain => new()
    {
        { "root", ExternalVectors.KoreanRootCa, ExternalVectors.KoreanRootCaHash },
        { "intermediate", ExternalVectors.KoreanIntermediateCa, ExternalVectors.KoreanIntermediateCaHash },
        { "pseudonym CA", ExternalVectors.KoreanPseudonymCa, ExternalVectors.KoreanPseudonymCaHash },
    };

    [Theory]
    [MemberData(nameof(KoreanChain))]
    public void Korean_scms_certificates_hash_to_the_published_value_and_round_trip(string name, string certificate, string sha256)
    {
        var bytes = Hex.Parse(certificate);
        var cert = Certificate.Decode(bytes);
        Assert.Equal(sha256, Hex.Of(cert.Hash));
        Assert.Equal(sha256[^16..], cert.HashedId8.ToString());
        var rebuilt = Certificate.Create(cert.Type, cert.Issuer, cert.ToBeSigned, cert.Signature);
        Assert.True(bytes.AsSpan().SequenceEqual(rebuilt.Encoded.Span), name);
    }

    [Fact]
    public void Korean_scms_chain_verifies_root_to_pseudonym_ca()
    {
        var root = Certificate.Decode(Hex.Parse(ExternalVectors.KoreanRootCa));
        var ica = Certificate.Decode(Hex.Parse(ExternalVectors.KoreanIntermediateCa));
        var pca = Certificate.Decode(Hex.Parse(ExternalVectors.KoreanPseudonymCa));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(root, null));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(ica, root));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(pca, ica));
        Assert.Equal(VerificationFailure.KeyMismatch, SpduVerifier.VerifyCertificate(pca, root));
    }
}
