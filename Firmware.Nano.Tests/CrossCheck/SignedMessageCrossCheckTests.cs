using CsCheck;
using Firmware.Nano.Security;
using Firmware.Nano.Tests.Support;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;
using NanoHeaderInfo = Firmware.Nano.Security.HeaderInfo;

namespace Firmware.Nano.Tests.CrossCheck;

/// <summary>
/// The whole signed message: for generated payloads and headers, the MCU's ToBeSignedData, signing digest (IEEE
/// 1609.2 §5.3.1) and final Ieee1609Dot2Data are the octets V2x builds for the same ticket and the same r and s
/// (ECDSA is randomised, so both sides get the one signature the test makes), and V2x's verifier accepts it.
/// </summary>
public sealed class SignedMessageCrossCheckTests
{
    private static readonly NanoAuthority Authority = new();
    private static readonly EcdsaP256SignatureKey Key = EcdsaP256SignatureKey.Generate();
    private static readonly Certificate Ticket = Authority.Ticket(Key.PublicKey);

    [Fact]
    public void Signer_hash_and_HashedId8_equal_v2x()
    {
        var builder = new SignedMessageBuilder(Ticket.Encoded.ToArray());
        Assert.Equal(Convert.ToHexString(Ticket.Hash), Convert.ToHexString(builder.SignerHash));
        Assert.Equal(Ticket.HashedId8.ToString(), HashedId8.FromHash(builder.SignerHash).ToString());
        Assert.Equal(Convert.ToHexString(Ticket.Hash[24..]), Convert.ToHexString(builder.HashedId8));
    }

    [Fact]
    public void Tbs_digest_and_message_equal_v2x_for_generated_inputs()
    {
        var builder = new SignedMessageBuilder(Ticket.Encoded.ToArray());
        var verifier = new SpduVerifier(new VerificationKeyCache());
        verifier.Cache.Add(new CachedSigner(Ticket));
        var payloads = Gen.Int[1, 1400].SelectMany(n => Gen.Byte.Array[n]);
        Gen.Select(payloads, Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.ULong[0, 1UL << 60]).Sample((payload, denm, withReport, level, time) =>
        {
            var psid = denm ? Psid.Denm : Psid.Cam;
            var inputs = ((IntegrityLevel)level, (byte)0x10, (byte)0xF3, (byte)0xE7, (uint)time, time ^ 0x5A5A, time);
            var v2xHeader = new V2x.Security.HeaderInfo
            {
                Psid = psid,
                GenerationTime = new Time64(time),
                GenerationLocation = denm ? new V2x.Security.ThreeDLocation(481374300, 115754900, 9286) : null,
            };
            if (withReport)
            {
                v2xHeader = IntegrityReportExtension.Put(v2xHeader, ReportCrossCheckTests.V2xReport(inputs));
            }

            var nanoHeader = new NanoHeaderInfo(psid.Value, time, denm ? new Firmware.Nano.Security.ThreeDLocation(481374300, 115754900, 9286) : null,
                withReport ? ReportCrossCheckTests.NanoReport(inputs) : null);

            var v2xTbs = ToBeSignedData.Create(new SignedDataPayload(Ieee1609Dot2Data.Unsecured(payload), null), v2xHeader);
            var nanoTbs = SignedMessageBuilder.ToBeSignedData(payload, nanoHeader);
            Assert.Equal(Convert.ToHexString(v2xTbs.Encoded.Span), Convert.ToHexString(nanoTbs));

            var expectedDigest = new byte[32];
            SignatureInput.ComputeDigest(SignatureAlgorithm.EcdsaNistP256, v2xTbs.Encoded.Span, Ticket.Hash, default, expectedDigest);
            var digest = builder.SigningDigest(nanoTbs);
            Assert.Equal(Convert.ToHexString(expectedDigest), Convert.ToHexString(digest));

            var r = new byte[32];
            var s = new byte[32];
            Key.SignDigest(digest, r, s);
            var expected = Ieee1609Dot2Data.Signed(new SignedData(HashAlgorithm.Sha256, v2xTbs, SignerIdentifier.FromDigest(Ticket.HashedId8),
                Signature.FromRs(SignatureAlgorithm.EcdsaNistP256, r, s))).Encoded;
            var message = builder.Assemble(nanoTbs, r, s);
            Assert.Equal(Convert.ToHexString(expected.Span), Convert.ToHexString(message));
            Assert.Equal(psid, verifier.DecodeAndVerify(message).HeaderInfo.Psid);
        }, iter: 150);
    }

    [Fact]
    public void The_mcu_message_equals_the_one_pass_v2x_signer_up_to_the_signature()
    {
        // SpduSigner (the Linux partition's signer) signs in one pass; with the same key the octets before the
        // signature are the same, and the MCU's r and s verify against the same digest.
        var payload = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var header = new V2x.Security.HeaderInfo { Psid = Psid.Cam, GenerationTime = new Time64(123_456_789) };
        var v2x = new SpduSigner(Key, Ticket).SignPayload(payload, header, SignerChoice.Digest);
        var builder = new SignedMessageBuilder(Ticket.Encoded.ToArray());
        var tbs = SignedMessageBuilder.ToBeSignedData(payload, new NanoHeaderInfo(36, 123_456_789, null, null));
        var r = new byte[32];
        var s = new byte[32];
        Key.SignDigest(builder.SigningDigest(tbs), r, s);
        var nano = builder.Assemble(tbs, r, s);
        Assert.Equal(v2x.Length, nano.Length);
        Assert.Equal(Convert.ToHexString(v2x[..^64]), Convert.ToHexString(nano[..^64]));
    }

    public static TheoryData<string, int, int> RefusedSignatures => new()
    {
        { "r of 31 octets", 31, 32 },
        { "s of 33 octets", 32, 33 },
    };

    [Theory]
    [MemberData(nameof(RefusedSignatures))]
    public void A_signature_of_the_wrong_size_is_a_caller_error(string name, int rLength, int sLength)
    {
        var builder = new SignedMessageBuilder(Ticket.Encoded.ToArray());
        Assert.True(Record.Exception(() => builder.Assemble([1, 2, 3], new byte[rLength], new byte[sLength])) is ArgumentException, name);
    }
}
