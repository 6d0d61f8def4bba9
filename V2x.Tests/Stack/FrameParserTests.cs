using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Facilities;
using V2x.Tests.Security;

namespace V2x.Tests.Stack;

/// <summary>Frames taken apart by <see cref="FrameParser"/>: every layer back, and one typed error per bad frame.</summary>
public sealed class FrameParserTests
{
    public static TheoryData<int, string> SignedCases => StackCases.SignedRows();

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void Signed_frame_comes_back_layer_by_layer(int index, string name)
    {
        var (_, request, choice, report) = StackCases.Signed[index];
        var frame = StackCases.Signed[index].Build();
        using var cache = new VerificationKeyCache();
        var received = FrameParser.Parse(frame, StackCases.WarmVerifier(cache));

        Assert.True(received.IsSecured, name);
        Assert.Equal(V2x.Link.MacAddress.Broadcast, received.Link.Destination);
        Assert.Equal(request.Source.Address.Mid, received.Link.Source);
        Assert.Equal(request.Transport.Basic, received.Basic);
        Assert.Equal(request.Transport.Common, received.Packet.Common);
        Assert.Equal(request.Transport.ExtendedHeader(request.Source), received.Packet.Extended);
        Assert.Equal(request.Payload.Btp, received.Btp!.Header);
        Assert.Equal(Hex.Of(request.Payload.Encoded.Span), Hex.Of(received.FacilitiesOctets.Span));
        Assert.Equal(request.Payload.Cam, received.Cam);
        Assert.Equal(request.Payload.Denm, received.Denm);
        Assert.Equal(request.Payload.Psid, received.HeaderInfo!.Psid);
        Assert.Equal(TestPki.Now, received.HeaderInfo.GenerationTime);
        Assert.Equal(report, received.IntegrityReport);
        Assert.Equal(StackCases.Pki.Ticket.HashedId8, received.Signer!.Digest);
        Assert.Equal(choice == SignerChoice.Certificate ? 1 : 0, cache.Count);
        Assert.Equal((byte)5, IntegrityAssurance.Read(received.Signer.Certificate.ToBeSigned));
    }

    [Fact]
    public void Unsecured_frames_come_back_layer_by_layer()
    {
        foreach (var (name, cam, source) in WiresharkCases.Cams)
        {
            var received = FrameParser.ParseUnsecured(StackFrames.Cam(cam, source));
            Assert.False(received.IsSecured, name);
            Assert.Equal(cam, received.Cam);
            Assert.Equal(source, Assert.IsType<SingleHopBroadcastHeader>(received.Packet.Extended).Source);
            Assert.Null(received.HeaderInfo);
        }

        foreach (var (name, denm, source, sequenceNumber, area) in WiresharkCases.Denms)
        {
            var received = FrameParser.ParseUnsecured(StackFrames.Denm(denm, source, sequenceNumber, area));
            Assert.Equal(denm, received.Denm);
            Assert.True(new GeoBroadcastHeader(sequenceNumber, source, area) == received.Packet.Extended, name);
        }

        var opaque = new FrameRequest(
            FacilitiesPayload.Opaque(new byte[] { 1, 2, 3 }, new BtpBHeader(2003, 7), new Psid(0x8A)),
            GnTransport.SingleHopBroadcast(), WiresharkCases.Cams[0].Source, StackCases.GenerationTime);
        var other = FrameParser.ParseUnsecured(FrameBuilder.BuildUnsecured(opaque));
        Assert.Equal(new BtpBHeader(2003, 7), other.Btp!.Header);
        Assert.Equal("010203", Hex.Of(other.FacilitiesOctets.Span));
        Assert.Null(other.Cam);
        Assert.Null(other.Denm);
    }

    [Fact]
    public void The_vanetza_vw_golf_cam_verifies_as_a_whole_frame()
    {
        // The signed CAM of riebl/vanetza's secured_message_v3.cpp behind the Ethernet header and Basic
        // Header of the socktap capture in riebl/vanetza issue #115 (12 00 1a 01: NH secured, LT 60 s, RHL 1).
        // The signer's issuer is not at hand, so the verifier takes the ticket on its own signature.
        var frame = Hex.Parse("ffffffffffff000000000000" + "8947" + "12001a01" + Security.ExternalVectors.VwGolfCam);
        using var cache = new VerificationKeyCache();
        var received = FrameParser.Parse(frame, new SpduVerifier(cache) { RequireTrustedIssuer = false });

        Assert.Equal("127cff384ce0b890", received.Signer!.Digest.ToString());
        Assert.Equal(Psid.Cam, received.HeaderInfo!.Psid);
        var shb = Assert.IsType<SingleHopBroadcastHeader>(received.Packet.Extended);
        Assert.Equal(new GnAddress(false, GnStationType.PassengerCar, V2x.Link.MacAddress.Parse("fe:38:4c:e0:b8:90")), shb.Source.Address);
        Assert.Equal(524626008, shb.Source.LatitudeTenthMicrodegrees);
        Assert.Equal(107219565, shb.Source.LongitudeTenthMicrodegrees);
        Assert.Equal(BtpPorts.Cam, received.Btp!.Header.DestinationPort);
        Assert.Equal(1289795728u, received.Cam!.StationId);
        Assert.Equal(524626000, received.Cam.Cam.CamParameters.BasicContainer.ReferencePosition.LatitudeTenthMicrodegrees);
        Assert.Null(received.IntegrityReport);
    }

    [Fact]
    public void Basic_header_is_outside_the_signature_and_decides_nothing()
    {
        // EN 302 636-4-1 §9.6: lifetime and remaining hop limit are not signed. Rewritten, the frame still
        // verifies and every signed layer comes back the same; only the Basic Header differs.
        var frame = StackCases.Signed[2].Build();
        var rewritten = (byte[])frame.Clone();
        rewritten[16] = new Lifetime(1, LifetimeBase.FiftyMilliseconds).ToByte();
        rewritten[17] = 255;
        using var cache = new VerificationKeyCache();
        var verifier = StackCases.WarmVerifier(cache);

        var original = FrameParser.Parse(frame, verifier);
        var changed = FrameParser.Parse(rewritten, verifier);

        Assert.Equal(new BasicHeader(new Lifetime(1, LifetimeBase.FiftyMilliseconds), 255), changed.Basic);
        Assert.NotEqual(original.Basic, changed.Basic);
        Assert.Equal(original.Packet.Common, changed.Packet.Common);
        Assert.Equal(original.Packet.Extended, changed.Packet.Extended);
        Assert.Equal(original.Cam, changed.Cam);
        Assert.Equal(original.IntegrityReport, changed.IntegrityReport);
        Assert.Equal(original.HeaderInfo!.GenerationTime, changed.HeaderInfo!.GenerationTime);
        Assert.Equal(Hex.Of(original.Security!.SignedData.TbsData.Encoded.Span), Hex.Of(changed.Security!.SignedData.TbsData.Encoded.Span));
    }

    // The GN packet (frame offset 25) of an SHB: BTP-B destination port at packet offset 36, low octet 37.
    private const int BtpPortLow = 37;

    private static readonly byte[] CamDigest = StackCases.Signed[2].Build();
    private static readonly byte[] CamCertificate = StackCases.Signed[3].Build();

    public static TheoryData<string, byte[], string, string, long> DecodeRows => new()
    {
        { "truncated Ethernet header", CamDigest[..10], "Ethernet", "truncated", 10 },
        { "EtherType IPv4", Edit(CamDigest, 12, 0x08, 0x00), "Ethernet.etherType", "not GeoNetworking", 12 },
        { "GeoNetworking version 0", Edit(CamDigest, 14, 0x02), "basicHeader.version", "version 0", 14 },
        { "Basic Header reserved octet set", Edit(CamDigest, 15, 0x01), "basicHeader.reserved", "reserved", 15 },
        { "nothing after the Basic Header", CamDigest[..18], "securedPacket", "truncated", 18 },
        { "SPDU protocol version 2", Edit(CamDigest, 18, 0x02), "protocolVersion", "protocol version 2", 18 },
        { "trailing octet after the SPDU (canonical OER: X.696 §8.1)", [.. CamDigest, 0x00], "Ieee1609Dot2Data", "trailing", CamDigest.Length },
        { "unsecuredData length in the long form (canonical OER: X.696 §8.6.4)", [.. CamDigest[..24], 0x81, .. CamDigest[24..]], "data", "long form", 24 },
        { "signature cut short", CamDigest[..^1], "signature", "truncated", -1 },
        { "payload length off by one, signed", SignedOver(StackCases.Cam(), p => p[5]++), "commonHeader.payloadLength", "payload length", 29 },
        { "payload length off by one, signed with the certificate", SignedOver(StackCases.Cam(), p => p[5]++, signer: SignerChoice.Certificate), "commonHeader.payloadLength", "payload length", 29 },
        { "CAM with a trailing octet, signed", SignedOver(StackCases.Cam(), null, extraPayloadOctet: true), "CAM", "trailing", 105 },
        { "BTP-A next header, signed", SignedOver(StackCases.Cam(), p => p[0] = 0x10), "commonHeader.nextHeader", "not supported", 25 },
        { "integrity report level 4, signed", SignedWithReport(Hex.Parse("0204" + new string('0', 46))), "IntegrityReport.overallLevel", "undefined", 128 },
    };

    [Theory]
    [MemberData(nameof(DecodeRows))]
    public void Malformed_frame_is_one_decode_exception_at_its_frame_offset_and_caches_nothing(string name, byte[] frame, string path, string reason, long offset)
    {
        using var cache = new VerificationKeyCache();
        var verifier = StackCases.WarmVerifier(cache);
        var error = Assert.Throws<DecodeException>(() => FrameParser.Parse(frame, verifier));
        Assert.True(error.FieldPath.Contains(path, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.True(error.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase), $"{name}: {error.Message}");
        if (offset >= 0)
        {
            Assert.True(offset == error.ByteOffset, $"{name}: {error.Message}");
        }

        Assert.Equal(0, cache.Count);
    }

    public static TheoryData<string, byte[], VerificationFailure, bool> VerifyRows => new()
    {
        { "unsecured frame", FrameBuilder.BuildUnsecured(StackCases.Cam()), VerificationFailure.NotSigned, true },
        { "bit flipped in the CAM", Flip(CamCertificate, 70), VerificationFailure.BadSignature, true },
        { "bit flipped in the source position", Flip(CamDigest, 45), VerificationFailure.BadSignature, true },
        { "bit flipped in the generation time", Flip(CamDigest, 116), VerificationFailure.BadSignature, true },
        { "bit flipped in the integrity report", Flip(CamDigest, 140), VerificationFailure.BadSignature, true },
        { "bit flipped in s", Flip(CamCertificate, CamCertificate.Length - 1), VerificationFailure.BadSignature, true },
        { "digest of a ticket never seen", CamDigest, VerificationFailure.UnknownSigner, false },
        { "ticket of an untrusted root", FrameBuilder.BuildSigned(StackCases.Cam(), new TestPki(SignatureAlgorithm.EcdsaNistP256).Signer, SignerChoice.Certificate), VerificationFailure.UnknownIssuer, true },
        { "CAM signed under the DENM PSID", SignedOver(StackCases.Cam(), null, psid: Psid.Denm), VerificationFailure.PsidMismatch, true },
        { "DENM signed under the CAM PSID", SignedOver(StackCases.Denm(), null, psid: Psid.Cam), VerificationFailure.PsidMismatch, true },
        { "CAM PSID over another port", SignedOver(StackCases.Cam(), p => p[BtpPortLow] = 0xd3), VerificationFailure.PsidMismatch, true },
        { "PSID the ticket does not hold (TLC request on the SREM port)", SignedOver(StackCases.Cam(), p => p[BtpPortLow] = 0xd7, psid: new Psid(0x8C)), VerificationFailure.PsidNotPermitted, true },
        { "port outside the table (1843)", SignedOver(StackCases.Cam(), p => p[BtpPortLow] = 0x33), VerificationFailure.PsidMismatch, true },
        { "IDF PSID 0x1E on the MAPEM port", SignedOver(StackCases.Cam(), p => p[BtpPortLow] = 0xd3, psid: new Psid(0x1E)), VerificationFailure.PsidMismatch, true },
    };

    [Theory]
    [MemberData(nameof(VerifyRows))]
    public void Unverifiable_frame_is_one_verification_exception_and_caches_nothing(string name, byte[] frame, VerificationFailure failure, bool warm)
    {
        using var cache = new VerificationKeyCache();
        var verifier = warm ? StackCases.WarmVerifier(cache) : StackCases.Pki.NewVerifier(cache);
        var error = Assert.Throws<VerificationException>(() => FrameParser.Parse(frame, verifier));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Parse_unsecured_takes_no_secured_frame()
    {
        var error = Assert.Throws<DecodeException>(() => FrameParser.ParseUnsecured(CamDigest));
        Assert.Equal("GeoNetworking.basicHeader.nextHeader", error.FieldPath);
        Assert.Equal(14, error.ByteOffset);
        Assert.Throws<ArgumentNullException>(() => FrameParser.Parse(CamDigest, null!));
    }

    private static byte[] Edit(byte[] frame, int offset, params byte[] octets)
    {
        var copy = (byte[])frame.Clone();
        octets.CopyTo(copy, offset);
        return copy;
    }

    private static byte[] Flip(byte[] frame, int offset)
    {
        var copy = (byte[])frame.Clone();
        copy[offset] ^= 0x10;
        return copy;
    }

    /// <summary>A frame whose GN packet (edited first) the bench ticket signs: the signature is good, the content is not.</summary>
    private static byte[] SignedOver(FrameRequest request, Action<byte[]>? edit, Psid? psid = null, bool extraPayloadOctet = false, SignerChoice signer = SignerChoice.Digest)
    {
        if (extraPayloadOctet)
        {
            request = request with { Payload = FacilitiesPayload.Opaque((byte[])[.. request.Payload.Encoded.Span, 0x00], request.Payload.Btp, request.Payload.Psid) };
        }

        var packet = FrameBuilder.ToBeSignedPayload(request);
        edit?.Invoke(packet);
        var header = FrameBuilder.HeaderInfoFor(request) with { Psid = psid ?? request.Payload.Psid };
        return FrameBuilder.WrapSecured(request, StackCases.Pki.Signer.SignPayload(packet, header, signer));
    }

    private static byte[] SignedWithReport(byte[] reportOctets)
    {
        var request = StackCases.Cam();
        var header = FrameBuilder.HeaderInfoFor(request) with
        {
            ContributedExtensions = [new ContributedExtensionBlock(IntegrityReportExtension.ContributorId, new ReadOnlyMemory<byte>[] { reportOctets })],
        };
        return FrameBuilder.BuildSigned(request, StackCases.Pki.Signer, SignerChoice.Digest, header);
    }
}
