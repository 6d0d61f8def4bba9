using System.Security.Cryptography;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;
using SymmetricAlgorithm = V2x.Security.Crypto.SymmetricAlgorithm;

namespace V2x.Tests.Security;

/// <summary>ECIES, AES-CCM and EncryptedData (IEEE 1609.2-2016 §5.3.5, §5.3.8, §6.3.30): vectors, round trips, refusals.</summary>
public sealed class EncryptionTests
{
    // IEEE 1609.2 Annex D ECIES test vectors (the CAMP crypto test vectors, as copied in Infineon's
    // V2X test suite "TestVector_ECIES_*"): recipient key, ephemeral key v, wrapped key k, P1 = Hash(RecipientInfo),
    // expected ephemeral public V, ciphertext C and tag T.
    public static TheoryData<string, string, string, string, string, string, string, string, string> EciesRows => new()
    {
        { "vector 1", "060E41440A4E35154CA0EFCB52412145836AD032833E6BC781E533BF14851085",
          "1384C31D6982D52BCA3BED8A7E60F52FECDAB44E5C0EA166815A8159E09FFB42", "9169155B08B07674CBADF75FB46A7B0D",
          "A6B7B52554B4203F7E3ACFDB3A3ED8674EE086CE5906A7CAC2F8A398306D3BE9",
          "F45A99137B1BB2C150D6D8CF7292CA07DA68C003DAA766A9AF7F67F5EE916828", "F6A25216F44CB64A96C229AE00B479857B3B81C1319FB2ADF0E8DB2681769729",
          "A6342013D623AD6C5F6882469673AE33", "80e1d85d30f1bae4ecf1a534a89a0786" },
        { "vector 2", "060E41440A4E35154CA0EFCB52412145836AD032833E6BC781E533BF14851085",
          "D418760F0CB2DCB856BC3C7217AD3AA36DB6742AE1DB655A3D28DF88CBBF84E1", "9169155B08B07674CBADF75FB46A7B0D",
          "A6B7B52554B4203F7E3ACFDB3A3ED8674EE086CE5906A7CAC2F8A398306D3BE9",
          "EE9CC7FBD9EDECEA41F7C8BD258E8D2E988E75BD069ADDCA1E5A38E534AC6818", "5AE3C8D9FE0B1FC7438F29417C240F8BF81C358EC1A4D0C6E98D8EDBCC714017",
          "DD530BE3BCD149E881E09F06E160F5A0", "06c1f0f5eaed453caf78e01a3d16a001" },
        { "vector 3", "DA5E1D853FCC5D0C162A245B9F29D38EB6059F0DB172FB7FDA6663B925E8C744",
          "1384C31D6982D52BCA3BED8A7E60F52FECDAB44E5C0EA166815A8159E09FFB42", "687E9757DEBFD87B0C267330C183C7B6",
          "05BED5F867B89F30FE5552DF414B65B9DD4073FC385D14921C641A145AA12051",
          "F45A99137B1BB2C150D6D8CF7292CA07DA68C003DAA766A9AF7F67F5EE916828", "F6A25216F44CB64A96C229AE00B479857B3B81C1319FB2ADF0E8DB2681769729",
          "1F6346EDAEAF57561FC9604FEBEFF44E", "373c0fa7c52a0798ec36eadfe387c3ef" },
        { "vector 4", "DA5E1D853FCC5D0C162A245B9F29D38EB6059F0DB172FB7FDA6663B925E8C744",
          "4624A6F9F6BC6BD088A71ED97B3AEE983B5CC2F574F64E96A531D2464137049F", "687E9757DEBFD87B0C267330C183C7B6",
          "05BED5F867B89F30FE5552DF414B65B9DD4073FC385D14921C641A145AA12051",
          "121AA495C6B2C07A2B2DAEC36BD207D6620D7E6081050DF5DE3E9696868FCDCA", "46C31A1ABEA0BDDAAAAEFBBA3AFDBFF1AC8D196BC313FC130926810C05503950",
          "6CFD13B76436CD0DB70244FAE380CBA1", "c8bf18ac796b0b1d3a1256d3a91676c8" },
    };

    [Theory]
    [MemberData(nameof(EciesRows))]
    public void Ecies_matches_the_published_vector(string name, string r, string v, string k, string p1, string vx, string vy, string c, string t)
    {
        using var recipient = EciesP256Key.FromPrivateKey(Hex.Parse(r));
        var wrapped = Ecies.Encrypt(recipient.PublicKey, Hex.Parse(k), Hex.Parse(p1), Hex.Parse(v));

        Assert.Equal(vx.ToLowerInvariant(), Hex.Of(wrapped.V.X.Span));
        Assert.Equal((Hex.Parse(vy)[31] & 1) == 0 ? EccPointForm.CompressedY0 : EccPointForm.CompressedY1, wrapped.V.Form);
        Assert.Equal(c.ToLowerInvariant(), Hex.Of(wrapped.C.Span));
        Assert.Equal(t.ToLowerInvariant(), Hex.Of(wrapped.T.Span));

        // The published (uncompressed) V decrypts to k.
        var published = new EciesP256EncryptedKey(EccP256CurvePoint.Uncompressed(Hex.Parse(vx), Hex.Parse(vy)), Hex.Parse(c), Hex.Parse(t));
        Assert.Equal(k.ToLowerInvariant(), Hex.Of(Ecies.Decrypt(recipient, published, Hex.Parse(p1))));
        Assert.NotNull(name);
    }

    public static TheoryData<string, Func<EciesP256EncryptedKey, EciesP256EncryptedKey>, bool> EciesFailRows => new()
    {
        { "c altered", e => new EciesP256EncryptedKey(e.V, Flip(e.C), e.T), false },
        { "t altered", e => new EciesP256EncryptedKey(e.V, e.C, Flip(e.T)), false },
        { "other P1", e => e, true },
    };

    [Theory]
    [MemberData(nameof(EciesFailRows))]
    public void Ecies_refuses_altered_input(string name, Func<EciesP256EncryptedKey, EciesP256EncryptedKey> change, bool otherP1)
    {
        using var recipient = EciesP256Key.Generate();
        var p1 = SHA256.HashData("recipient"u8);
        var wrapped = change(Ecies.Encrypt(recipient.PublicKey, new byte[16], p1));
        var usedP1 = otherP1 ? SHA256.HashData("another"u8) : p1;
        Assert.True(Ecies.Decrypt(recipient, wrapped, usedP1) is null, name);
    }

    [Fact]
    public void Ecies_with_another_key_does_not_open()
    {
        using var recipient = EciesP256Key.Generate();
        using var other = EciesP256Key.Generate();
        var p1 = SHA256.HashData([]);
        var wrapped = Ecies.Encrypt(recipient.PublicKey, RandomNumberGenerator.GetBytes(16), p1);
        Assert.Null(Ecies.Decrypt(other, wrapped, p1));
        Assert.NotNull(Ecies.Decrypt(recipient, wrapped, p1));
    }

    [Fact]
    public void Aes_ccm_matches_sp800_38c_example_3()
    {
        // NIST SP 800-38C Appendix C, Example 3: Klen 128, Tlen 64, Nlen 96, Alen 160, Plen 192.
        var key = Hex.Parse("404142434445464748494a4b4c4d4e4f");
        var nonce = Hex.Parse("101112131415161718191a1b");
        var aad = Hex.Parse("000102030405060708090a0b0c0d0e0f10111213");
        var plaintext = Hex.Parse("202122232425262728292a2b2c2d2e2f3031323334353637");
        var expected = "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951";

        var sealedBytes = Aes128Ccm.Seal(key, nonce, plaintext, aad, 8);
        Assert.Equal(expected, Hex.Of(sealedBytes));
        Assert.Equal(plaintext, Aes128Ccm.Open(key, nonce, sealedBytes, aad, 8));
        sealedBytes[^1] ^= 1;
        Assert.Null(Aes128Ccm.Open(key, nonce, sealedBytes, aad, 8));
    }

    [Fact]
    public void Encrypted_for_a_certificate_decrypts_with_its_key_and_the_response_key_is_shared()
    {
        var (certificate, key) = RecipientCertificate();
        var plaintext = TestPki.CamPayload(300);
        var spdu = SpduEncryptor.EncryptForCertificate(plaintext, certificate, out var dataKey);

        var decryptor = new SpduDecryptor();
        decryptor.AddCertificateKey(certificate, key);
        var opened = decryptor.DecodeAndDecrypt(spdu);
        Assert.Equal(plaintext, opened.Plaintext);
        Assert.Equal(dataKey, opened.DataKey);
        Assert.Equal(RecipientKind.Certificate, opened.Recipient.Kind);
        Assert.Equal(certificate.HashedId8, opened.Recipient.RecipientId);

        // The response travels under the same data key (ETSI TS 102 941 style pskRecipInfo).
        var response = SpduEncryptor.EncryptWithPreSharedKey("response"u8, opened.DataKey);
        var requester = new SpduDecryptor();
        requester.AddPreSharedKey(dataKey);
        Assert.Equal("response"u8.ToArray(), requester.DecodeAndDecrypt(response).Plaintext);
        Assert.Equal(RecipientKind.PreSharedKey, Ieee1609Dot2Data.Decode(response).EncryptedData!.Recipients[0].Kind);
    }

    public static TheoryData<string, Func<byte[], byte[]>, DecryptionFailure> DecryptFailRows => new()
    {
        { "ciphertext altered", b => { b[^1] ^= 0x01; return b; }, DecryptionFailure.BadTag },
        { "wrapped key altered", b => { b[^(16 + 16 + 1 + 1 + 12 + 16 + 1 + 16)] ^= 0x01; return b; }, DecryptionFailure.BadTag },
        { "recipient id altered", b => { b[5] ^= 0x01; return b; }, DecryptionFailure.NotForMe },
        { "signed, not encrypted", _ => new TestPki(SignatureAlgorithm.EcdsaNistP256).Signer.SignPayload([1, 2, 3], Psid.Cam, TestPki.Now, SignerChoice.Digest), DecryptionFailure.NotEncrypted },
    };

    [Theory]
    [MemberData(nameof(DecryptFailRows))]
    public void Decryptor_fails_closed_and_keeps_working(string name, Func<byte[], byte[]> change, DecryptionFailure failure)
    {
        var (certificate, key) = RecipientCertificate();
        var decryptor = new SpduDecryptor();
        decryptor.AddCertificateKey(certificate, key);
        var good = SpduEncryptor.EncryptForCertificate(new byte[40], certificate, out _);

        var error = Assert.Throws<DecryptionException>(() => decryptor.DecodeAndDecrypt(change((byte[])good.Clone())));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
        Assert.Equal(new byte[40], decryptor.DecodeAndDecrypt(good).Plaintext);
    }

    public static TheoryData<string, Func<byte[], byte[]>, string, string> DecodeFailRows => new()
    {
        { "truncated", b => b[..^1], "overruns", "ccmCiphertext" },
        { "unknown recipient choice", b => { b[4] = 0x85; return b; }, "unknown choice", "recipients" },
        { "brainpool data key", b => { b[13] = 0x81; return b; }, "eciesBrainpoolP256r1", "encKey" },
        { "x-only ephemeral key", b => { b[14] = 0x80; return b; }, "ephemeral key", "eciesNistP256" },
        { "short nonce", b => b[..88], "truncated", "nonce" },
    };

    [Theory]
    [MemberData(nameof(DecodeFailRows))]
    public void Malformed_encrypted_data_is_one_decode_exception(string name, Func<byte[], byte[]> change, string reasonPart, string pathPart)
    {
        var (certificate, _) = RecipientCertificate();
        var good = SpduEncryptor.EncryptForCertificate(new byte[20], certificate, out _);
        // 03 82 | 01 01 (one recipient) | 82 <recipientId 8> | 80 eciesNistP256 | v: 82/83 <x 32> | c 16 | t 16 |
        // 80 aes128ccm <nonce 12> <length> <ciphertext ‖ tag>: offsets 0, 2, 4, 5, 13, 14, 47, 63, 79, 80, 92.
        Assert.Equal("03820101", Hex.Of(good.AsSpan(0, 4)));
        Assert.Equal(0x82, good[4]);
        Assert.Equal(0x80, good[13]);
        Assert.Equal(0x80, good[79]);
        Assert.Equal(20 + 16, good[92]);

        var bytes = change((byte[])good.Clone());
        var error = Assert.Throws<DecodeException>(() => Ieee1609Dot2Data.Decode(bytes));
        Assert.Contains(reasonPart, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.True(error.FieldPath.Contains(pathPart, StringComparison.Ordinal), $"{name}: {error.FieldPath}");
    }

    [Fact]
    public void Tshark_reads_the_encrypted_data_that_was_encoded()
    {
        var (certificate, _) = RecipientCertificate();
        var spdu = SpduEncryptor.EncryptForCertificate(new byte[50], certificate, out _);
        var encrypted = Ieee1609Dot2Data.Decode(spdu).EncryptedData!;
        var fields = SpduTshark.Fields(spdu, "ieee1609dot2.recipientId", "ieee1609dot2.c", "ieee1609dot2.t",
            "ieee1609dot2.nonce", "ieee1609dot2.ccmCiphertext", "_ws.malformed", "_ws.expert");

        Assert.Equal(Hex.Of(certificate.HashedId8.ToBytes()), fields[0].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Hex.Of(encrypted.Recipients[0].EncryptedKey!.C.Span), fields[1].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Hex.Of(encrypted.Recipients[0].EncryptedKey!.T.Span), fields[2].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Hex.Of(encrypted.Ciphertext.Nonce.Span), fields[3].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Hex.Of(encrypted.Ciphertext.CcmCiphertext.Span), fields[4].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(string.Empty, fields[5]);
        Assert.Equal(string.Empty, fields[6]);
    }

    [Fact]
    public void External_payload_signature_covers_the_hash_of_the_data()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var external = "shared request"u8.ToArray();
        var spdu = pki.Signer.SignExternalPayload(external, new HeaderInfo { Psid = Psid.Cam, GenerationTime = TestPki.Now }, SignerChoice.Certificate);

        var verified = pki.NewVerifier(new VerificationKeyCache()).DecodeAndVerify(spdu);
        Assert.Null(verified.SignedData.TbsData.Payload.Data);
        Assert.Equal(SHA256.HashData(external), verified.SignedData.TbsData.Payload.ExtDataHash!.Hash.ToArray());

        var fields = SpduTshark.Fields(spdu, "ieee1609dot2.sha256HashedData", "_ws.malformed");
        Assert.Equal(Hex.Of(SHA256.HashData(external)), fields[0].Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(string.Empty, fields[1]);
    }

    private static (Certificate Certificate, EciesP256Key Key) RecipientCertificate()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var key = EciesP256Key.Generate();
        var signingKey = EcdsaP256SignatureKey.Generate();
        var certificate = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("ea.bench.test"),
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 2)),
            AppPermissions = [new PsidSsp(new Psid(623))],
            EncryptionKey = key.PublicKey,
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(signingKey.PublicKey),
        }, pki.Root, pki.RootKey);
        return (certificate, key);
    }

    private static byte[] Flip(ReadOnlyMemory<byte> bytes)
    {
        var copy = bytes.ToArray();
        copy[0] ^= 0x80;
        return copy;
    }
}
