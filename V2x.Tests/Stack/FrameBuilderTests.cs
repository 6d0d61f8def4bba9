using System.Security.Cryptography;
using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.GeoNetworking;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Security;

namespace V2x.Tests.Stack;

/// <summary>Frames built by <see cref="FrameBuilder"/>: known answers, the two signing paths, any key, caller mistakes.</summary>
public sealed class FrameBuilderTests
{
    /// <summary>
    /// The unsecured SHB/CAM frame of Docs/formats.md §8.1 (99 octets), written there by the net half's
    /// frame helper and checked by tshark; the stack must produce the same octets.
    /// </summary>
    private const string DocumentedCamFrame =
        "ffffffffffff02005e10000189471100" + "1a012050028000" + "2d01001400" + "02005e10" +
        "0001473b36fb1d113b8806d06527856d" + "0384000000" + "0007d1000002020000" + "03e9" +
        "107b005a56c4918e4346e501f4168384" + "42fe0c00384122b6b102d08a502be621" + "fda080";

    [Fact]
    public void Unsecured_cam_frame_is_the_documented_one()
    {
        Assert.Equal(DocumentedCamFrame, Hex.Of(FrameBuilder.BuildUnsecured(StackCases.Cam())));
    }

    [Fact]
    public void The_signed_packet_of_the_vanetza_vw_golf_cam_is_rebuilt_octet_for_octet()
    {
        // riebl/vanetza secured_message_v3.cpp (see Security/ExternalVectors.VwGolfCam): its unsecuredData is
        // GN Common Header + SHB + BTP-B + CAM from a VW Golf 8. Decoded and built again through the stack,
        // the 86 octets the signature covers come out the same.
        var spdu = Ieee1609Dot2Data.Decode(Hex.Parse(ExternalVectors.VwGolfCam)).SignedData!;
        var signed = spdu.TbsData.Payload.Data!.Opaque;
        var packet = GeoNetworkingCodec.DecodePacket(signed);
        var shb = Assert.IsType<SingleHopBroadcastHeader>(packet.Extended);
        var btp = BtpBCodec.Decode(packet.Payload);
        var cam = CamCodec.Decode(btp.Payload);
        var request = new FrameRequest(
            FacilitiesPayload.FromCam(cam),
            GnTransport.SingleHopBroadcast(packet.Common.TrafficClass, mediaDependentData: shb.MediaDependentData),
            shb.Source,
            spdu.TbsData.HeaderInfo.GenerationTime!.Value.ToUtc());

        Assert.Equal(Hex.Of(signed.Span), Hex.Of(FrameBuilder.ToBeSignedPayload(request)));
        Assert.Equal(spdu.TbsData.HeaderInfo, FrameBuilder.HeaderInfoFor(request));
    }

    public static TheoryData<string, int, string> SignedLayoutRows => new()
    {
        // Frame offsets of the signed SHB/CAM with the integrity report that Docs/formats.md §3 annotates
        // (digest signer): Ethernet II; Basic Header NH = 2 (EN 302 636-4-1 v1.4.1 §9.6.3); Ieee1609Dot2Data
        // (IEEE 1609.2 §6.3: version 3, [1] signedData, sha256; payload preamble, nested version 3,
        // [0] unsecuredData, length); the GN packet the signature covers; HeaderInfo with the report.
        { "EtherType GeoNetworking", 12, "8947" },
        { "Basic Header: version 1, NH secured packet, LT 60 s, RHL 1", 14, "12001a01" },
        { "SPDU: version 3, signedData, sha256", 18, "038100" },
        { "payload: data present, version 3, unsecuredData", 21, "400380" },
        { "unsecuredData length 81 = 8 + 28 + 4 + 41", 24, "51" },
        { "Common Header: NH BTP-B, SHB, TC 2, mobile, PL 45, MHL 1", 25, "20500280002d0100" },
        { "SHB source position vector: GN_ADDR", 33, "140002005e100001" },
        { "BTP-B to port 2001", 61, "07d10000" },
        { "CAM: protocol version 2, message 2, station 1001", 65, "0202000003e9" },
        { "HeaderInfo: preamble (extensions, generationTime), psid 36", 106, "c00124" },
        { "generationTime 2026-03-01T12:00:00Z", 109, "00027c25ac9c9b40" },
        { "extension bitmap: contributedExtensions only", 117, "020410" },
        { "contributedExtensions: 31 octets, 1 block, contributor 255, 1 extension of 25", 120, "1f0101ff010119" },
        { "integrity report: version 2, anomaly, network + process, all eight evaluated, posture not assessed, counter 1234", 127, "020130ffe7000004d2" },
        { "signer: digest", 152, "80" },
        { "signature: ecdsaNistP256, x-only r", 161, "8080" },
    };

    [Theory]
    [MemberData(nameof(SignedLayoutRows))]
    public void Signed_frame_has_the_documented_layout(string name, int offset, string hex)
    {
        var frame = FrameBuilder.BuildSigned(StackCases.Cam(), StackCases.Pki.Signer, SignerChoice.Digest, StackCases.Report);
        Assert.True(hex == Hex.Of(frame.AsSpan(offset, hex.Length / 2)), $"{name}: {Hex.Of(frame.AsSpan(offset, hex.Length / 2))}");
        Assert.Equal(StackCases.Pki.Ticket.HashedId8.ToBytes(), frame[153..161]);
        Assert.Equal(227, frame.Length);
    }

    public static TheoryData<int, string> SignedCases => StackCases.SignedRows();

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void One_pass_and_three_step_signing_give_the_same_frame(int index, string name)
    {
        var (_, request, choice, report) = StackCases.Signed[index];
        var onePass = FrameBuilder.BuildSigned(request, StackCases.Pki.Signer, choice, report);

        // The secure partition's path: what to sign, the header, the SPDU, the frame around it.
        var spdu = StackCases.Pki.Signer.SignPayload(FrameBuilder.ToBeSignedPayload(request), FrameBuilder.HeaderInfoFor(request, report), choice);
        var threeStep = FrameBuilder.WrapSecured(request, spdu);

        // ECDSA signatures are randomised: everything but r and s is the same, and both verify.
        Assert.True(Hex.Of(onePass.AsSpan(..^64)) == Hex.Of(threeStep.AsSpan(..^64)), name);
        using var cache = new VerificationKeyCache();
        var verifier = StackCases.WarmVerifier(cache);
        Assert.Equal(
            Hex.Of(FrameParser.Parse(onePass, verifier).Security!.SignedData.TbsData.Encoded.Span),
            Hex.Of(FrameParser.Parse(threeStep, verifier).Security!.SignedData.TbsData.Encoded.Span));
    }

    [Fact]
    public void Any_signature_key_signs_once_per_frame()
    {
        // A key that, like a PKCS#11 token object, only signs digests: no private key leaves it.
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new DigestOnlyKey(ecdsa);
        var pki = StackCases.Pki;
        var ticket = CertificateIssuerFor(pki, key);
        var signer = new SpduSigner(key, ticket);

        var frame = FrameBuilder.BuildSigned(StackCases.Cam(), signer, SignerChoice.Certificate, StackCases.Report);

        Assert.Equal(1, key.Signatures);
        using var cache = new VerificationKeyCache();
        var received = FrameParser.Parse(frame, pki.NewVerifier(cache));
        Assert.Equal(ticket.HashedId8, received.Signer!.Digest);
        Assert.Equal(StackCases.Report, received.IntegrityReport);
    }

    [Fact]
    public void A_reused_writer_gets_each_frame_appended_whole()
    {
        var request = StackCases.Cam();
        var header = FrameBuilder.HeaderInfoFor(request, StackCases.Report);
        var writer = new OerWriter(16);
        writer.WriteByte(0x42);
        FrameBuilder.BuildSigned(writer, request, StackCases.Pki.Signer, SignerChoice.Digest, header);
        var appended = writer.WrittenSpan[1..].ToArray();
        writer.Reset();
        FrameBuilder.BuildSigned(writer, request, StackCases.Pki.Signer, SignerChoice.Digest, header);

        Assert.Equal(Hex.Of(appended.AsSpan(..^64)), Hex.Of(writer.WrittenSpan[..^64]));
        using var cache = new VerificationKeyCache();
        var verifier = StackCases.WarmVerifier(cache);
        Assert.Equal(StackCases.Report, FrameParser.Parse(appended, verifier).IntegrityReport);
        Assert.Equal(StackCases.Report, FrameParser.Parse(writer.WrittenSpan.ToArray(), verifier).IntegrityReport);
    }

    [Fact]
    public void Caller_mistakes_throw_argument_exceptions_and_leave_the_writer_as_it_was()
    {
        var writer = new OerWriter(64);
        writer.WriteByte(0x42);
        var cam = StackCases.Cam();
        var bad = cam with { Source = cam.Source with { LatitudeTenthMicrodegrees = 900_000_001 } };
        var signer = StackCases.Pki.Signer;
        var selfSigner = new SpduSigner(StackCases.Pki.TicketKey, null);

        Action[] mistakes =
        [
            () => FrameBuilder.BuildSigned(writer, cam, signer, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(StackCases.Denm())),
            () => FrameBuilder.BuildSigned(writer, bad, signer, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(bad)),
            () => FrameBuilder.BuildSigned(writer, cam, selfSigner, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(cam)),
            () => FrameBuilder.BuildSigned(writer, cam, signer, (SignerChoice)7, FrameBuilder.HeaderInfoFor(cam)),
        ];

        foreach (var mistake in mistakes)
        {
            Assert.ThrowsAny<ArgumentException>(mistake);
            Assert.Equal("42", Hex.Of(writer.WrittenSpan));
        }
    }

    public static TheoryData<string, Action> RequestMistakeRows => new()
    {
        { "opaque octets on the CAM port under the DENM PSID", () => FacilitiesPayload.Opaque(new byte[4], new BtpBHeader(BtpPorts.Cam), Psid.Denm) },
        { "opaque octets on the MAPEM port under the IDF PSID 0x1E", () => FacilitiesPayload.Opaque(new byte[4], new BtpBHeader(BtpPorts.Mapem), new Psid(0x1E)) },
        { "elevation below −409.5 m", () => FrameBuilder.HeaderInfoFor(StackCases.Denm() with { ElevationDecimetres = -4096 }) },
        { "elevation above 6143.9 m", () => FrameBuilder.HeaderInfoFor(StackCases.Denm() with { ElevationDecimetres = 61440 }) },
        { "generation time before 2004", () => FrameBuilder.HeaderInfoFor(StackCases.Cam() with { GenerationTime = new DateTimeOffset(2003, 12, 31, 0, 0, 0, TimeSpan.Zero) }) },
        { "wrapping octets that are no SPDU", () => FrameBuilder.WrapSecured(StackCases.Cam(), [0x02, 0x81]) },
        { "wrapping nothing", () => FrameBuilder.WrapSecured(StackCases.Cam(), []) },
        { "a geo-broadcast with hop limit 0", () => GnTransport.GeoBroadcastCircle(1, 0, 0, 100, hopLimit: 0) },
        { "a circle with an angle", () => FrameBuilder.BuildUnsecured(StackCases.Denm() with { Transport = GnTransport.GeoBroadcast(1, new GeoArea(GeoAreaShape.Circle, 0, 0, 100, 0, 45)) }) },
    };

    [Theory]
    [MemberData(nameof(RequestMistakeRows))]
    public void Bad_requests_are_argument_exceptions(string name, Action build)
    {
        Assert.True(Record.Exception(build) is ArgumentException, name);
    }

    [Fact]
    public void Denm_header_carries_the_generation_location_and_a_cam_header_does_not()
    {
        // ETSI TS 103 097 v2.1.1 §7.1.1 (CAM: psid, generationTime) and §7.1.2 (DENM: also generationLocation).
        var cam = FrameBuilder.HeaderInfoFor(StackCases.Cam());
        Assert.Equal(Psid.Cam, cam.Psid);
        Assert.Equal(TestPki.Now, cam.GenerationTime);
        Assert.Null(cam.GenerationLocation);

        var request = StackCases.Denm();
        var denm = FrameBuilder.HeaderInfoFor(request);
        Assert.Equal(Psid.Denm, denm.Psid);
        // Elevation: decimetres above −409.5 m, so 372.0 m is 3720 + 4095.
        Assert.Equal(new ThreeDLocation(request.Source.LatitudeTenthMicrodegrees, request.Source.LongitudeTenthMicrodegrees, 7815), denm.GenerationLocation);
        Assert.Equal((ushort)4095, FrameBuilder.HeaderInfoFor(request with { ElevationDecimetres = null }).GenerationLocation!.Value.Elevation);
    }

    private static V2x.Security.Certificates.Certificate CertificateIssuerFor(TestPki pki, ISignatureKey key) =>
        CertificateIssuer.Issue(pki.Ticket.ToBeSigned with { VerifyKeyIndicator = V2x.Security.Certificates.VerificationKeyIndicator.FromKey(key.PublicKey) }, pki.Root, pki.RootKey);

    /// <summary>An <see cref="ISignatureKey"/> that only signs digests and counts how often.</summary>
    private sealed class DigestOnlyKey(ECDsa ecdsa) : ISignatureKey
    {
        public int Signatures { get; private set; }

        public SignatureAlgorithm Algorithm => SignatureAlgorithm.EcdsaNistP256;

        public PublicVerificationKey PublicKey { get; } = PublicKeyOf(ecdsa);

        public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s)
        {
            Signatures++;
            var signature = ecdsa.SignHash(digest.ToArray(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            signature.AsSpan(0, 32).CopyTo(r);
            signature.AsSpan(32).CopyTo(s);
        }

        private static PublicVerificationKey PublicKeyOf(ECDsa ecdsa)
        {
            var q = ecdsa.ExportParameters(false).Q;
            return new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(q.X!, (q.Y![31] & 1) != 0));
        }
    }
}
