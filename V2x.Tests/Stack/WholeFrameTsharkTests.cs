using System.Globalization;
using Testing.Tshark;
using V2x.Facilities.Cam;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Pcap;

namespace V2x.Tests.Stack;

/// <summary>
/// One pcap with every signed kind of <see cref="StackCases.Signed"/>, the external VW Golf frame, and
/// three frames only this project's decoder can reject; tshark dissects it once for the class.
/// </summary>
public sealed class WholeFrameCapture : IDisposable
{
    private readonly PcapFiles _files = new();

    public WholeFrameCapture()
    {
        Signed = StackCases.Signed.Select(c => c.Build()).ToArray();
        var digest = Signed[2];
        Unnoticed =
        [
            ("signature s changed (tshark checks no signature)", Flipped(digest, digest.Length - 1)),
            ("octet after the SPDU (tshark accepts trailing octets)", [.. digest, 0x00]),
            ("unsecuredData length in the long form 81 51 (tshark accepts non-canonical OER)", [.. digest[..24], 0x81, .. digest[24..]]),
        ];
        VwGolf = Hex.Parse("ffffffffffff000000000000" + "8947" + "12001a01" + Security.ExternalVectors.VwGolfCam);
        var path = _files.Write("whole-frames.pcap", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), [.. Signed, VwGolf, .. Unnoticed.Select(u => u.Frame)]);
        Capture = TsharkRunner.Dissect(path);
    }

    public byte[][] Signed { get; }

    public byte[] VwGolf { get; }

    public (string Name, byte[] Frame)[] Unnoticed { get; }

    public TsharkCapture Capture { get; }

    public void Dispose() => _files.Dispose();

    private static byte[] Flipped(byte[] frame, int offset)
    {
        var copy = (byte[])frame.Clone();
        copy[offset] ^= 0x01;
        return copy;
    }
}

/// <summary>
/// Wireshark (tshark 4.0.17) as an independent reader of whole signed frames: Ethernet, GeoNetworking,
/// the IEEE 1609.2 secured packet, the GeoNetworking packet inside it, BTP-B and the CAM or DENM, with
/// no malformed mark and no warning or error expert item, and field values equal to what was encoded.
/// tshark checks neither canonical OER, nor trailing octets, nor signatures: the last rows show frames it
/// reads without complaint that this project's parser rejects.
/// </summary>
public sealed class WholeFrameTsharkTests : IClassFixture<WholeFrameCapture>
{
    private static readonly string[] SecuredStack = ["eth", "ethertype", "gnw", "ieee1609dot2", "btpb", "its"];
    private readonly WholeFrameCapture _capture;

    public WholeFrameTsharkTests(WholeFrameCapture capture)
    {
        _capture = capture;
    }

    public static TheoryData<int, string> SignedCases => StackCases.SignedRows();

    [Fact]
    public void Every_frame_dissects_without_problems()
    {
        Assert.Equal(StackCases.Signed.Count + 1 + _capture.Unnoticed.Length, _capture.Capture.Frames.Count);
        Assert.True(_capture.Capture.Problems.Count == 0, string.Join(Environment.NewLine, _capture.Capture.Problems));
        Assert.All(_capture.Capture.Frames, f => Assert.Equal(SecuredStack, f.Protocols));
    }

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void Tshark_reads_the_values_that_were_encoded(int index, string name)
    {
        var c = StackCases.Signed[index];
        var (request, choice, report) = (c.Sent, c.Signer, c.InHeader);
        var frame = _capture.Capture.Frames[index];
        using var cache = new VerificationKeyCache();
        var ours = FrameParser.Parse(_capture.Signed[index], StackCases.WarmVerifier(cache));
        var header = FrameBuilder.HeaderInfoFor(request, report);
        Assert.True(frame.Problems.Count == 0, $"{name}: {string.Join("; ", frame.Problems)}");

        // GeoNetworking outside and inside the secured packet (EN 302 636-4-1 §9.6-9.8).
        Assert.Equal(2, frame.Integer("geonw.bh.nh"));
        Assert.Equal(request.Transport.Basic.RemainingHopLimit, frame.Integer("geonw.bh.rhl"));
        Assert.Equal(request.Source.LatitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.lat"));
        Assert.Equal(request.Source.LongitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.long"));
        Assert.Equal(request.Source.Timestamp.Milliseconds, frame.Integer("geonw.src_pos.tst"));
        Assert.Equal(request.Payload.Btp.DestinationPort, frame.Integer("btpb.dstport"));

        // IEEE 1609.2: psid, generation time, signer, r and s (the SPDU's own signature is the last one listed).
        Assert.Equal((long)header.Psid.Value, frame.Integers("ieee1609dot2.psid")[0]);
        Assert.Equal(header.GenerationTime!.Value.Microseconds.ToString(CultureInfo.InvariantCulture), frame.Values("ieee1609dot2.generationTime")[0]);
        Assert.Equal(Hex.Of(ours.Security!.SignedData.Signature.R.X.Span), frame.RawValues("ieee1609dot2.x_only")[^1]);
        Assert.Equal(Hex.Of(ours.Security.SignedData.Signature.S.Span), frame.RawValues("ieee1609dot2.sSig")[^1]);
        if (choice == SignerChoice.Digest)
        {
            Assert.Equal(StackCases.Pki.Ticket.HashedId8.ToString(), frame.RawValues("ieee1609dot2.digest").Single());
        }
        else
        {
            AssertTicket(frame, header.Psid.Value);
        }

        // TS 103 097 §7.1.2: the DENM's generationLocation; tshark shows the raw Elevation (3720 dm + 4095).
        Assert.Equal(header.GenerationLocation is not null, frame.Has("ieee1609dot2.generationLocation_element"));
        if (header.GenerationLocation is { } location)
        {
            Assert.Equal(location.LatitudeTenthMicrodegrees, frame.Integer("ieee1609dot2.latitude"));
            Assert.Equal(location.LongitudeTenthMicrodegrees, frame.Integer("ieee1609dot2.longitude"));
            Assert.Equal(7815, frame.Integer("ieee1609dot2.elevation"));
        }

        // The integrity report: Wireshark 4.0 does not know contributedExtensions and skips the addition as
        // an unknown HeaderInfo extension (a second "headerInfo" element of 30 octets), as a legacy receiver
        // does (Docs/formats.md §3.4). In the facilities carrier it is a CAM or DENM extension addition
        // Wireshark 4.0 does not know either, skipped the same way (§3.8), and HeaderInfo has no addition.
        Assert.Equal(report is null ? 1 : 2, frame.Values("ieee1609dot2.headerInfo_element").Count);

        // Facilities.
        if (request.Payload.Cam is { } cam)
        {
            AssertCam(frame, cam);
        }
        else
        {
            var denm = request.Payload.Denm!;
            Assert.Equal(denm.StationId, frame.Integer("its.stationID"));
            Assert.Equal(1, frame.Integer("its.messageID"));
            Assert.Equal(denm.Denm.Management.DetectionTime.Milliseconds, frame.Integer("denm.detectionTime"));
            Assert.Equal((long)denm.Denm.Situation!.EventType.Cause, frame.Integers("its.causeCode")[0]);
            Assert.Equal(denm.Denm.Situation.EventType.SubCause, frame.Integers("its.subCauseCode")[0]);
            var area = request.Transport.Area!.Value;
            Assert.Equal(request.Transport.SequenceNumber, frame.Integer("geonw.seq_num"));
            Assert.Equal(area.CenterLatitudeTenthMicrodegrees, frame.Integer("geonw.gxc.latitude"));
            Assert.Equal(area.DistanceAMetres, frame.Integer("geonw.gxc.radius"));
        }
    }

    [Fact]
    public void Tshark_and_this_parser_read_the_external_vw_golf_frame_alike()
    {
        var frame = _capture.Capture.Frames[StackCases.Signed.Count];
        using var cache = new VerificationKeyCache();
        var ours = FrameParser.Parse(_capture.VwGolf, new SpduVerifier(cache) { RequireTrustedIssuer = false });

        Assert.Equal((long)ours.HeaderInfo!.Psid.Value, frame.Integers("ieee1609dot2.psid")[0]);
        Assert.Equal((long)ours.HeaderInfo.GenerationTime!.Value.Microseconds, frame.Integer("ieee1609dot2.generationTime"));
        Assert.Equal(ours.Signer!.Certificate.Issuer.Digest.ToString(), frame.RawValues("ieee1609dot2.sha256AndDigest").Single());
        Assert.Equal(Hex.Of(ours.Security!.SignedData.Signature.S.Span), frame.RawValues("ieee1609dot2.sSig")[^1]);
        var shb = Assert.IsType<SingleHopBroadcastHeader>(ours.Packet.Extended);
        Assert.Equal(shb.Source.LatitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.lat"));
        Assert.Equal(shb.Source.Timestamp.Milliseconds, frame.Integer("geonw.src_pos.tst"));
        AssertCam(frame, ours.Cam!);
    }

    public static TheoryData<int, string> UnnoticedRows => new()
    {
        { 0, "signature" },
        { 1, "trailing octet" },
        { 2, "non-canonical length" },
    };

    [Theory]
    [MemberData(nameof(UnnoticedRows))]
    public void Frames_tshark_reads_without_complaint_this_parser_rejects(int index, string what)
    {
        var (name, octets) = _capture.Unnoticed[index];
        var frame = _capture.Capture.Frames[StackCases.Signed.Count + 1 + index];
        Assert.True(frame.Problems.Count == 0, $"{name}: tshark now notices ({string.Join("; ", frame.Problems)})");
        Assert.Equal(SecuredStack, frame.Protocols);

        using var cache = new VerificationKeyCache();
        var error = Assert.ThrowsAny<V2xException>(() => FrameParser.Parse(octets, StackCases.WarmVerifier(cache)));
        switch (what)
        {
            case "signature":
                Assert.Equal(VerificationFailure.BadSignature, Assert.IsType<VerificationException>(error).Failure);
                break;
            case "trailing octet":
                Assert.Contains("trailing", Assert.IsType<DecodeException>(error).Reason, StringComparison.Ordinal);
                break;
            default:
                Assert.Contains("long form", Assert.IsType<DecodeException>(error).Reason, StringComparison.Ordinal);
                break;
        }
    }

    private static void AssertTicket(TsharkFrame frame, ulong headerPsid)
    {
        // The authorization ticket as tshark reads it: issuer digest, assuranceLevel (SubjectAssurance 0x40),
        // appPermissions with the CAM and DENM bitmap SSPs and the integrity-detection assurance (PSID 0x1E,
        // opaque SSP version 1, level 5; Docs/formats.md §3.5).
        var ticket = StackCases.Pki.Ticket.ToBeSigned;
        Assert.Equal(StackCases.Pki.Root.HashedId8.ToString(), frame.RawValues("ieee1609dot2.sha256AndDigest").Single());
        Assert.Equal(Hex.Of([ticket.AssuranceLevel!.Value]), frame.RawValues("ieee1609dot2.assuranceLevel").Single());
        Assert.Equal([(long)headerPsid, 36, 37, (long)IntegrityAssurance.Psid.Value], frame.Integers("ieee1609dot2.psid"));
        Assert.Equal(["010000", "01ffffff"], frame.RawValues("ieee1609dot2.bitmapSsp"));
        Assert.Equal("0105", frame.RawValues("ieee1609dot2.opaque").Single());
        Assert.False(frame.Has("ieee1609dot2.digest"));
    }

    private static void AssertCam(TsharkFrame frame, CamMessage cam)
    {
        var parameters = cam.Cam.CamParameters;
        Assert.Equal(2, frame.Integer("its.messageID"));
        Assert.Equal(cam.StationId, frame.Integer("its.stationID"));
        Assert.Equal(cam.Cam.GenerationDeltaTime.Milliseconds, frame.Integer("cam.generationDeltaTime"));
        Assert.Equal(parameters.BasicContainer.ReferencePosition.LatitudeTenthMicrodegrees, frame.Integers("its.latitude")[0]);
        Assert.Equal(parameters.BasicContainer.ReferencePosition.LongitudeTenthMicrodegrees, frame.Integers("its.longitude")[0]);
        var high = Assert.IsType<BasicVehicleContainerHighFrequency>(parameters.HighFrequencyContainer);
        Assert.Equal(high.Heading.ValueDeciDegrees, frame.Integer("its.headingValue"));
        Assert.Equal(high.Speed.ValueCentimetresPerSecond, frame.Integer("its.speedValue"));
        Assert.Equal(parameters.LowFrequencyContainer is not null, frame.Has("cam.basicVehicleContainerLowFrequency_element"));
    }
}
