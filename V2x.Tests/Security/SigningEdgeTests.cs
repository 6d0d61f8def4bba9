using System.Security.Cryptography;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using HashAlgorithm = V2x.Security.Crypto.HashAlgorithm;
using SymmetricAlgorithm = V2x.Security.Crypto.SymmetricAlgorithm;

namespace V2x.Tests.Security;

/// <summary>Self-signed data, hash-algorithm rules for HashedId8, canonical forms.</summary>
public sealed class SigningEdgeTests
{
    [Fact]
    public void Self_signed_data_verifies_with_the_out_of_band_key_and_not_with_another()
    {
        var key = EcdsaP256SignatureKey.Generate();
        var signer = new SpduSigner(key, null);
        var bytes = signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Self);
        var signed = Ieee1609Dot2Data.Decode(bytes).SignedData!;
        SpduVerifier.VerifySelfSigned(signed, key.PublicKey);
        var other = EcdsaP256SignatureKey.Generate().PublicKey;
        Assert.Equal(VerificationFailure.BadSignature, Assert.Throws<VerificationException>(() => SpduVerifier.VerifySelfSigned(signed, other)).Failure);
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        Assert.Equal(VerificationFailure.NotSigned, Assert.Throws<VerificationException>(() => new SpduVerifier(new VerificationKeyCache()).DecodeAndVerify(bytes)).Failure);
        Assert.NotNull(pki);
    }

    public static TheoryData<string, HashAlgorithm, int> HashRows => new()
    {
        // 1609.2 §6.4 whole-certificate hash: the algorithm of the issuer choice (SHA-384 for a
        // brainpoolP384r1 / P-384 issuer, SM3 for an SM2 issuer); HashedId8 = its last 8 octets.
        { "sha256AndDigest", HashAlgorithm.Sha256, 32 },
        { "sha384AndDigest", HashAlgorithm.Sha384, 48 },
        { "sm3AndDigest", HashAlgorithm.Sm3, 32 },
    };

    [Theory]
    [MemberData(nameof(HashRows))]
    public void Certificate_hashedid8_uses_the_issuers_hash_algorithm(string name, HashAlgorithm algorithm, int size)
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var cert = Certificate.Create(CertificateType.Explicit, IssuerIdentifier.FromDigest(algorithm, new HashedId8(42)),
            pki.Ticket.ToBeSigned, pki.Ticket.Signature);
        var expected = Hashing.Hash(algorithm, cert.Encoded.Span);
        Assert.Equal(size, cert.Hash.Length);
        Assert.True(Hex.Of(expected[^8..]) == cert.HashedId8.ToString(), name);
        Assert.Equal(Hex.Of(expected[^3..]), cert.HashedId3.ToString());
    }

    [Fact]
    public void Non_canonical_certificate_hashes_as_its_canonical_form()
    {
        // rSig as compressed-y and the key uncompressed: the hash is over x-only rSig and a compressed key.
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var canonical = pki.Ticket;
        var key = canonical.ToBeSigned.VerifyKeyIndicator.VerificationKey!;
        var point = CurveParameters.DecodePoint(key.Algorithm, key.Point);
        var uncompressed = new PublicVerificationKey(key.Algorithm, EccP256CurvePoint.Uncompressed(point.AffineXCoord.GetEncoded(), point.AffineYCoord.GetEncoded()));
        var variant = Certificate.Create(CertificateType.Explicit, canonical.Issuer,
            canonical.ToBeSigned with { VerifyKeyIndicator = VerificationKeyIndicator.FromKey(uncompressed) },
            new Signature(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(canonical.Signature!.R.X.Span, true), canonical.Signature.S));
        Assert.False(variant.IsCanonical);
        Assert.Equal(canonical.HashedId8, variant.HashedId8);
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(variant, pki.Root));
    }

    [Fact]
    public void A_default_value_encoded_explicitly_is_rejected_as_non_canonical()
    {
        // PsidGroupPermissions { subjectPermissions all, minChainLength 1 (its DEFAULT) }: preamble 0x80, 81, 01 01.
        var reader = new OerReader(Hex.Parse("80810101"), "PsidGroupPermissions");
        var error = Assert.Throws<DecodeException>(() => PsidGroupPermissions.Decode(reader));
        Assert.Contains("DEFAULT", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_encryption_key_goes_out_compressed_and_the_message_verifies()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        using var ephemeral = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ephemeral.ExportParameters(false).Q;
        var header = new HeaderInfo
        {
            Psid = Psid.Cam,
            GenerationTime = TestPki.Now,
            EncryptionKey = EncryptionKey.FromPublic(new PublicEncryptionKey(SymmetricAlgorithm.Aes128Ccm, PublicEncryptionAlgorithm.EciesNistP256,
                EccP256CurvePoint.Uncompressed(q.X, q.Y))),
        };
        var bytes = pki.Signer.SignPayload(TestPki.CamPayload(), header, SignerChoice.Certificate);
        using var cache = new VerificationKeyCache();
        var verified = pki.NewVerifier(cache).DecodeAndVerify(bytes);
        Assert.NotEqual(EccPointForm.Uncompressed, verified.HeaderInfo.EncryptionKey!.Public!.Point.Form);
    }

    [Theory]
    [InlineData(SignatureAlgorithm.EcdsaNistP256)]
    [InlineData(SignatureAlgorithm.EcdsaBrainpoolP256r1)]
    [InlineData(SignatureAlgorithm.Sm2)]
    public void Random_compressed_keys_either_import_or_fail_with_argument_exception(SignatureAlgorithm algorithm)
    {
        var random = new Random(1609);
        var x = new byte[32];
        var rejected = 0;
        for (var i = 0; i < 200; i++)
        {
            random.NextBytes(x);
            var key = new PublicVerificationKey(algorithm, EccP256CurvePoint.Compressed(x, (i & 1) == 1));
            try
            {
                VerificationKey.Import(key).Dispose();
            }
            catch (ArgumentException)
            {
                rejected++;
            }
        }

        // About half of all x values are not the abscissa of a curve point.
        Assert.InRange(rejected, 50, 150);
    }
}
