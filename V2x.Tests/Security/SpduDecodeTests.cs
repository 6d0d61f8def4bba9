using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace V2x.Tests.Security;

/// <summary>Named failure rows on whole SPDUs: each ends in one DecodeException naming path and offset.</summary>
public sealed class SpduDecodeTests
{
    private static readonly byte[] Signed = new TestPki(SignatureAlgorithm.EcdsaNistP256)
        .Signer.SignPayload(TestPki.CamPayload(), Psid.Cam, TestPki.Now, SignerChoice.Digest);

    private static byte[] With(Func<byte[], byte[]> change) => change((byte[])Signed.Clone());

    public static TheoryData<string, byte[], string, string> FailRows => new()
    {
        { "truncated by one byte", Signed[..^1], "truncated", "signature" },
        { "truncated inside the header", Signed[..112], "truncated", "headerInfo" },
        { "trailing byte", [.. Signed, 0x00], "trailing", "Ieee1609Dot2Data" },
        { "protocol version 2", With(b => { b[0] = 2; return b; }), "protocol version", "protocolVersion" },
        { "bad content choice tag", With(b => { b[1] = 0x87; return b; }), "unknown choice", "content" },
        { "encryptedData without recipients", With(b => { b[1] = 0x82; return b; }), "zero content octets", "encryptedData.recipients" },
        { "undefined hashId", With(b => { b[2] = 0x05; return b; }), "undefined enumeration", "hashId" },
        { "non-canonical payload length", [.. Signed[..6], 0x81, .. Signed[6..]], "long form", "data" },
        { "bad signer tag", With(b => { b[^75] = 0x85; return b; }), "unknown choice", "signer" },
        { "bad signature tag", With(b => { b[^66] = 0x83; return b; }), "unsupported signature", "signature" },
    };

    [Theory]
    [MemberData(nameof(FailRows))]
    public void Malformed_spdu_is_one_decode_exception(string name, byte[] bytes, string reasonPart, string pathPart)
    {
        var error = Assert.Throws<DecodeException>(() => Ieee1609Dot2Data.Decode(bytes));
        Assert.Contains(reasonPart, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.True(error.FieldPath.Contains(pathPart, StringComparison.Ordinal), $"{name}: {error.FieldPath}");
        Assert.InRange(error.ByteOffset, 0, bytes.Length);
    }

    [Fact]
    public void The_signed_layout_is_the_one_the_rows_assume()
    {
        // 03 81 00 | 40 03 80 64 <100 octets> | 40 01 24 <time 8> | 80 <digest 8> | 80 80 <r 32> <s 32>
        Assert.Equal("03810040038064", Hex.Of(Signed.AsSpan(0, 7)));
        Assert.Equal("400124", Hex.Of(Signed.AsSpan(107, 3)));
        Assert.Equal(0x80, Signed[^75]);
        Assert.Equal(0x80, Signed[^66]);
        Assert.Equal(107 + 3 + 8 + 9 + 66, Signed.Length);
    }
}
