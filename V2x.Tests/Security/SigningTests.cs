using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace V2x.Tests.Security;

/// <summary>Encode+sign and decode+verify of SPDUs for every algorithm and signer form, and the failures.</summary>
public sealed class SigningTests
{
    public static TheoryData<string, SignatureAlgorithm, SignerChoice> PassRows => new()
    {
        { "P-256 certificate", SignatureAlgorithm.EcdsaNistP256, SignerChoice.Certificate },
        { "brainpool certificate", SignatureAlgorithm.EcdsaBrainpoolP256r1, SignerChoice.Certificate },
        { "SM2 certificate", SignatureAlgorithm.Sm2, SignerChoice.Certificate },
    };

    [Theory]
    [MemberData(nameof(PassRows))]
    public void Signed_payload_verifies_then_the_digest_form_verifies_from_the_cache(string name, SignatureAlgorithm algorithm, SignerChoice choice)
    {
        var pki = new TestPki(algorithm);
        using var cache = new VerificationKeyCache();
        var verifier = pki.NewVerifier(cache);
        var payload = TestPki.CamPayload();
        var withCert = pki.Signer.SignPayload(payload, Psid.Cam, TestPki.Now, choice);
        var verified = verifier.DecodeAndVerify(withCert);
        Assert.True(payload.AsSpan().SequenceEqual(verified.Payload.Span), name);
        Assert.Equal(TestPki.Now, verified.HeaderInfo.GenerationTime);
        Assert.Equal(pki.Ticket.HashedId8, verified.Signer.Digest);

        var withDigest = pki.Signer.SignPayload(payload, Psid.Cam, TestPki.Now, SignerChoice.Digest);
        Assert.Equal(pki.Ticket.HashedId8, verifier.DecodeAndVerify(withDigest).Signer.Digest);
        Assert.Equal(1, cache.Count);
    }

    public static TheoryData<string, int> TamperRows => new()
    {
        { "payload byte", 10 },
        { "psid", 110 },
        { "generation time", 113 },
        { "signature s", -1 },
        { "signature r", -40 },
    };

    [Theory]
    [MemberData(nameof(TamperRows))]
    public void A_tampered_byte_fails_with_a_typed_error_and_leaves_the_cache_unchanged(string name, int offset)
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        using var cache = new VerificationKeyCache();
        var verifier = pki.NewVerifier(cache);
        verifier.DecodeAndVerify(pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Certificate));
        var message = pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Digest);
        var index = offset >= 0 ? offset : message.Length + offset;
        message[index] ^= 0x04;

        var error = Assert.ThrowsAny<V2xException>(() => verifier.DecodeAndVerify(message));
        if (error is VerificationException v)
        {
            Assert.True(v.Failure is VerificationFailure.BadSignature or VerificationFailure.PsidNotPermitted, name);
        }

        Assert.Equal(1, cache.Count);
    }

    public static TheoryData<string, VerificationFailure> RejectRows => new()
    {
        { "digest of an unseen certificate", VerificationFailure.UnknownSigner },
        { "certificate from an untrusted root", VerificationFailure.UnknownIssuer },
        { "psid the ticket does not hold", VerificationFailure.PsidNotPermitted },
        { "unsecured data", VerificationFailure.NotSigned },
    };

    [Theory]
    [MemberData(nameof(RejectRows))]
    public void Well_formed_but_unverifiable_messages_fail_with_their_reason_and_cache_nothing(string name, VerificationFailure expected)
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var stranger = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        using var cache = new VerificationKeyCache();
        var verifier = pki.NewVerifier(cache);
        var message = expected switch
        {
            VerificationFailure.UnknownSigner => pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Digest),
            VerificationFailure.UnknownIssuer => stranger.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Certificate),
            VerificationFailure.PsidNotPermitted => pki.Signer.SignPayload(TestPki.CamPayload(), new Psid(0x8A), TestPki.Now, SignerChoice.Certificate),
            _ => Ieee1609Dot2Data.Unsecured(TestPki.CamPayload()).Encoded.ToArray(),
        };

        var error = Assert.Throws<VerificationException>(() => verifier.DecodeAndVerify(message));
        Assert.Equal(expected, error.Failure);
        Assert.True(cache.Count == 0, name);
    }

    public static TheoryData<string, bool> NoAppPermissionsRows => new()
    {
        { "certificate carried in the message", true },
        { "certificate named by digest, already cached", false },
    };

    // IEEE 1609.2-2016 §6.4.8: a certificate without appPermissions may sign no SPDU. A ticket that holds
    // only certRequestPermissions (signed validly by a trusted root) is refused whatever the PSID, and
    // nothing enters the cache.
    [Theory]
    [MemberData(nameof(NoAppPermissionsRows))]
    public void A_signer_certificate_without_app_permissions_signs_no_spdu(string name, bool carried)
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var key = TestPki.NewKey(SignatureAlgorithm.EcdsaNistP256);
        var bare = CertificateIssuer.Issue(new V2x.Security.Certificates.ToBeSignedCertificate
        {
            Id = V2x.Security.Certificates.CertificateId.None,
            ValidityPeriod = pki.Ticket.ToBeSigned.ValidityPeriod,
            CertRequestPermissions = [new V2x.Security.Certificates.PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = V2x.Security.Certificates.VerificationKeyIndicator.FromKey(key.PublicKey),
        }, pki.Root, pki.RootKey);
        Assert.Null(bare.ToBeSigned.AppPermissions);
        using var cache = new VerificationKeyCache();
        if (!carried)
        {
            cache.Add(bare);
        }

        var verifier = pki.NewVerifier(cache);
        var before = cache.Count;
        var message = new SpduSigner(key, bare).SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, carried ? SignerChoice.Certificate : SignerChoice.Digest);

        var error = Assert.Throws<VerificationException>(() => verifier.DecodeAndVerify(message));
        Assert.Equal(VerificationFailure.PsidNotPermitted, error.Failure);
        Assert.True(before == cache.Count, name);
    }

    [Fact]
    public void Signed_message_decodes_to_the_same_structure_and_re_encodes_byte_for_byte()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var bytes = pki.Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Certificate);
        var data = Ieee1609Dot2Data.Decode(bytes);
        var rebuilt = Ieee1609Dot2Data.Signed(data.SignedData!);
        Assert.Equal(Hex.Of(bytes), Hex.Of(rebuilt.Encoded.Span));
    }

    [Fact]
    public void Issued_certificates_verify_against_their_issuer_for_every_algorithm()
    {
        foreach (var algorithm in new[] { SignatureAlgorithm.EcdsaNistP256, SignatureAlgorithm.EcdsaBrainpoolP256r1, SignatureAlgorithm.Sm2 })
        {
            var pki = new TestPki(algorithm);
            Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(pki.Root, null));
            Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(pki.Ticket, pki.Root));
            var expectedHash = algorithm == SignatureAlgorithm.Sm2 ? HashAlgorithm.Sm3 : HashAlgorithm.Sha256;
            Assert.Equal(expectedHash, pki.Ticket.HashAlgorithm);
            var tampered = pki.Ticket.Encoded.ToArray();
            tampered[20] ^= 0x01;
            var decoded = V2x.Security.Certificates.Certificate.Decode(tampered);
            Assert.Equal(VerificationFailure.BadCertificateSignature, SpduVerifier.VerifyCertificate(decoded, pki.Root));
        }
    }
}
