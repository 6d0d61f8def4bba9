using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using V2x.Security.Crypto;
using HashAlgorithm = V2x.Security.Crypto.HashAlgorithm;

namespace V2x.Tests.Security;

/// <summary>Hash and signature primitives against published vectors (source beside each row).</summary>
public sealed class CryptoVectorTests
{
    public static TheoryData<string, HashAlgorithm, string, string> HashRows => new()
    {
        // FIPS 180-2 Appendix B.1 (SHA-256 of "abc").
        { "sha256 abc", HashAlgorithm.Sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        // FIPS 180-2 Appendix D.1 (SHA-384 of "abc").
        { "sha384 abc", HashAlgorithm.Sha384, "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
        // GB/T 32905-2016 Appendix A.1 (SM3 of "abc").
        { "sm3 abc", HashAlgorithm.Sm3, "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" },
        // GB/T 32905-2016 Appendix A.2 (SM3 of "abcd" x 16).
        { "sm3 abcd*16", HashAlgorithm.Sm3, string.Concat(Enumerable.Repeat("abcd", 16)), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732" },
    };

    [Theory]
    [MemberData(nameof(HashRows))]
    public void Hash_matches_the_published_digest(string name, HashAlgorithm algorithm, string message, string expected)
    {
        Assert.Equal(expected, Hex.Of(Hashing.Hash(algorithm, Encoding.ASCII.GetBytes(message))));
        Assert.NotEqual(expected, Hex.Of(Hashing.Hash(algorithm, Encoding.ASCII.GetBytes(message + "."))));
        Assert.NotNull(name);
    }

    public static TheoryData<string, SignatureAlgorithm, string, string, string, string, string, bool> SignatureRows => new()
    {
        // RFC 6979 §A.2.5, P-256 with SHA-256, message "sample".
        { "P-256 RFC 6979 sample", SignatureAlgorithm.EcdsaNistP256, "sample",
          "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
          "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", true },
        { "P-256 RFC 6979 wrong message", SignatureAlgorithm.EcdsaNistP256, "samplf",
          "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
          "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", false },
        // Wycheproof ecdsa_brainpoolP256r1_sha256_test.json, tcId 2 ("valid"), message 313233343030.
        { "brainpoolP256r1 Wycheproof tc2", SignatureAlgorithm.EcdsaBrainpoolP256r1, "123400",
          "019a2d9637743a63ddaefdbca0ee229a163b809b9b145e5313bbeb8defeab9d6", "548caf89bf5ba49499404145651234336401b9b2843a579ed152e090f11b9e59",
          "0a5f8c70ba2d0842d5d0f841f160ad15195769a8159bfe692634d73d469d111f", "678cd260f4aeb211a781388fdd48478007cf43d32b736de019916ce1c0737c39", true },
        { "brainpoolP256r1 Wycheproof tc2 s+1", SignatureAlgorithm.EcdsaBrainpoolP256r1, "123400",
          "019a2d9637743a63ddaefdbca0ee229a163b809b9b145e5313bbeb8defeab9d6", "548caf89bf5ba49499404145651234336401b9b2843a579ed152e090f11b9e59",
          "0a5f8c70ba2d0842d5d0f841f160ad15195769a8159bfe692634d73d469d111f", "678cd260f4aeb211a781388fdd48478007cf43d32b736de019916ce1c0737c3a", false },
    };

    [Theory]
    [MemberData(nameof(SignatureRows))]
    public void Ecdsa_verification_matches_the_published_result(string name, SignatureAlgorithm algorithm, string message,
        string x, string y, string r, string s, bool valid)
    {
        var key = new PublicVerificationKey(algorithm, EccP256CurvePoint.Uncompressed(Hex.Parse(x), Hex.Parse(y)));
        using var imported = VerificationKey.Import(key);
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(message));
        Assert.True(valid == imported.VerifyDigest(digest, Hex.Parse(r), Hex.Parse(s)), name);

        // The compressed form of the same key decompresses (BouncyCastle) to the same point.
        using var fromCompressed = VerificationKey.Import(key.ToCanonical());
        Assert.Equal(valid, fromCompressed.VerifyDigest(digest, Hex.Parse(r), Hex.Parse(s)));
    }

    [Fact]
    public void Sm2_verifies_the_bouncycastle_sm2p256v1_vector_and_rejects_a_changed_message()
    {
        // bc-csharp crypto/test/src/crypto/test/SM2SignerTest.cs, DoSignerTestFpStandardSM3:
        // curve sm2p256v1, SM3, ID "sm2test@example.com", message "hi chappy", d and (r, s) below.
        var d = new BigInteger("110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC", 16);
        var q = CurveParameters.Sm2P256v1.G.Multiply(d).Normalize();
        var z = Sm2.ComputeZ(q, Encoding.ASCII.GetBytes("sm2test@example.com"));
        var r = Hex.Parse("05890B9077B92E47B17A1FF42A814280E556AFD92B4A98B9670BF8B1A274C2FA");
        var s = Hex.Parse("E3ABBB8DB2B6ECD9B24ECCEA7F679FB9A4B1DB52F4AA985E443AD73237FA1993");
        var e = new byte[32];
        Sm2.ComputeE(z, Encoding.ASCII.GetBytes("hi chappy"), e);
        Assert.True(Sm2.VerifyE(q, e, r, s));
        Sm2.ComputeE(z, Encoding.ASCII.GetBytes("hi chappz"), e);
        Assert.False(Sm2.VerifyE(q, e, r, s));
    }

    [Fact]
    public void Sm2_verifies_the_gbt_32918_annex_a_example_on_its_test_curve()
    {
        // GB/T 32918.2 (GM/T 0003.2-2012) Annex A.2: 256-bit prime test curve, ID "ALICE123@YAHOO.COM",
        // message "message digest", private key d_A and signature (r, s); values as reproduced in
        // bc-csharp SM2SignerTest.DoSignerTestFpDraftSM3.
        var curve = new Org.BouncyCastle.Math.EC.FpCurve(
            new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16),
            new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16),
            new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16),
            new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16), BigInteger.One);
        var g = curve.CreatePoint(
            new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16),
            new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16));
        var domain = new Org.BouncyCastle.Crypto.Parameters.ECDomainParameters(curve, g, curve.Order, BigInteger.One);
        var q = g.Multiply(new BigInteger("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263", 16)).Normalize();
        var z = Sm2.ComputeZ(domain, q, Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM"));
        var e = new byte[32];
        Sm2.ComputeE(z, Encoding.ASCII.GetBytes("message digest"), e);
        var r = Hex.Parse("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1");
        var s = Hex.Parse("6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7");
        Assert.True(Sm2.VerifyE(domain, q, e, r, s));
        s[31] ^= 1;
        Assert.False(Sm2.VerifyE(domain, q, e, r, s));
    }

    [Fact]
    public void Brainpool_decompression_reproduces_the_rfc_7027_public_key()
    {
        // RFC 7027 §A.1: brainpoolP256r1 key pair A (x_qA, y_qA), compressed with y's parity.
        var x = Hex.Parse("44106e913f92bc02a1705d9953a8414db95e1aaa49e81d9e85f929a8e3100be5");
        var y = Hex.Parse("8ab4846f11caccb73ce49cbdd120f5a900a69fd32c272223f789ef10eb089bdc");
        var point = CurveParameters.DecodePoint(SignatureAlgorithm.EcdsaBrainpoolP256r1, EccP256CurvePoint.Compressed(x, (y[31] & 1) != 0));
        Assert.Equal(Hex.Of(y), Hex.Of(point.AffineYCoord.GetEncoded()));
        Assert.Throws<ArgumentException>(() => CurveParameters.DecodePoint(SignatureAlgorithm.EcdsaBrainpoolP256r1,
            EccP256CurvePoint.Uncompressed(x, x)));
    }

    [Theory]
    [InlineData(SignatureAlgorithm.EcdsaNistP256)]
    [InlineData(SignatureAlgorithm.EcdsaBrainpoolP256r1)]
    [InlineData(SignatureAlgorithm.Sm2)]
    public void Own_keys_sign_digests_that_verify_and_changed_digests_do_not(SignatureAlgorithm algorithm)
    {
        var key = TestPki.NewKey(algorithm);
        using var verifier = VerificationKey.Import(key.PublicKey);
        var digest = SHA256.HashData("digest"u8);
        var r = new byte[32];
        var s = new byte[32];
        key.SignDigest(digest, r, s);
        Assert.True(verifier.VerifyDigest(digest, r, s));
        digest[0] ^= 1;
        Assert.False(verifier.VerifyDigest(digest, r, s));
    }
}
