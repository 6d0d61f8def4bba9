using V2x.Btp;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Per;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Facilities;
using V2x.Tests.Stack;

namespace V2x.Tests.Integrity;

/// <summary>
/// The facilities carrier of the integrity report (Docs/formats.md §3.8): a WrappedExtensionContainer (ETSI TS
/// 103 900 v2.x) with id 16 in the CAM's extensionContainers and in the DENM ManagementContainer's private
/// addition. The expected bits are written out from X.691 and TS 103 900, not taken from the codec.
/// </summary>
public sealed class FacilitiesCarrierTests
{
    private static readonly IntegrityReport Report = StackCases.Report;

    // The open type both carriers hold (X.691 §11.2, §20, §13): WrappedExtensionContainers with one element:
    // size extension bit 0, count − 1 in 3 bits (SIZE (1..8, ...)), containerId extension bit 0 and 16 − 1 in
    // 4 bits (INTEGER (1..16, ...)), containerData as an open type: length 25, the report's 25 octets; 217 bits,
    // padded to 28 octets (§11.1).
    private static BitEditor ContainerList() =>
        BitEditor.FromHex("", 0).Append(1, 0).Append(3, 0).Append(1, 0).Append(4, 15).Append(8, 25).AppendOctets(Report.Encode());

    [Fact]
    public void A_cam_carries_the_report_as_extension_addition_1_with_the_documented_bits()
    {
        var cam = CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam));
        var encoded = CamCodec.Encode(IntegrityReportContainer.Put(cam, Report));

        // CamParameters: extension bit (bit 64) 1; after the root (the captured CAM ends with it, 322 bits):
        // one addition announced (normally small length 0 + 000000), present (1), its open type (length 28).
        var inner = ContainerList().ToArray();
        Assert.Equal(28, inner.Length);
        var expected = BitEditor.FromHex(ExternalVectors.VanetzaCam, 322).Set(64, 1, 1).Append(7, 0).Append(1, 1).Append(8, 28).AppendOctets(inner).ToArray();
        Assert.Equal(Hex.Of(expected), Hex.Of(encoded));
        Assert.Equal(Hex.Parse(ExternalVectors.VanetzaCam).Length + 30, encoded.Length);

        var back = CamCodec.Decode(encoded);
        Assert.Equal(Report, IntegrityReportContainer.Read(back));
        var container = Assert.Single(back.Cam.CamParameters.ExtensionContainers!);
        Assert.Equal((16, Hex.Of(Report.Encode())), (container.ContainerId, Hex.Of(container.ContainerData.Span)));

        // What a v1.4.1 decoder reads (it knows no addition and skips the open type by its length): the same CAM.
        Assert.Equal(cam, back with { Cam = back.Cam with { CamParameters = back.Cam.CamParameters with { ExtensionContainers = null } } });
    }

    [Fact]
    public void A_denm_carries_the_report_as_management_addition_8_with_the_documented_bits()
    {
        var denm = DenmCodec.Decode(Hex.Parse(ExternalVectors.InstantxDenm));
        var encoded = DenmCodec.Encode(IntegrityReportContainer.Put(denm, Report));

        // The management container starts at bit 51 (header 48 bits, three presence bits) with its extension
        // bit; its additions follow its root: eight announced (0 + 000111), only the eighth present, its open type.
        var writer = new UperWriter();
        denm.Denm.Management.Encode(writer);
        var rootEnd = 51 + (int)writer.BitLength;
        var additions = BitEditor.FromHex("", 0).Append(7, 7).Append(8, 0b0000_0001).Append(8, 28).AppendOctets(ContainerList().ToArray());
        var whole = new UperWriter();
        denm.Header.Encode(whole);
        denm.Denm.Encode(whole);
        var expected = BitEditor.FromHex(ExternalVectors.InstantxDenm, (int)whole.BitLength).Set(51, 1, 1);
        var bits = additions.ToArray();
        for (var i = 0; i < additions.Count; i++)
        {
            expected.Insert(rootEnd + i, 1, (ulong)((bits[i / 8] >> (7 - (i % 8))) & 1));
        }

        Assert.Equal(Hex.Of(expected.ToArray()), Hex.Of(encoded));
        var back = DenmCodec.Decode(encoded);
        Assert.Equal(Report, IntegrityReportContainer.Read(back));
        Assert.Equal(denm, back with { Denm = back.Denm with { Management = back.Denm.Management with { ExtensionContainers = null } } });
    }

    [Fact]
    public void The_facilities_carrier_costs_30_octets_on_the_example_frame()
    {
        // Docs/formats.md §3.2 and §3.8: the example CAM, digest signer, signed with and without the report.
        var plain = FrameBuilder.BuildSigned(StackCases.Cam(), StackCases.Pki.Signer, SignerChoice.Digest, (IntegrityReport?)null);
        var header = FrameBuilder.BuildSigned(StackCases.Cam(), StackCases.Pki.Signer, SignerChoice.Digest, Report, ReportCarrier.HeaderInfo);
        var facilities = FrameBuilder.BuildSigned(StackCases.Cam(), StackCases.Pki.Signer, SignerChoice.Digest, Report, ReportCarrier.Facilities);

        Assert.Equal((192, 227, 222), (plain.Length, header.Length, facilities.Length));
        Assert.Equal(71, FrameBuilder.WithReportInFacilities(StackCases.Cam(), Report).Payload.Encoded.Length);
    }

    [Fact]
    public void The_partition_step_puts_the_report_into_the_packet_and_fixes_the_payload_length()
    {
        foreach (var request in new[] { StackCases.Cam(), StackCases.Denm() })
        {
            var packet = FrameBuilder.ToBeSignedPayload(request);
            var augmented = IntegrityReportContainer.Put(packet, Report);

            var gn = GeoNetworkingCodec.DecodePacket(augmented);
            var before = GeoNetworkingCodec.DecodePacket(packet);
            Assert.Equal(before.Common, gn.Common);
            Assert.Equal(before.Extended, gn.Extended);

            // EN 302 636-4-1 §9.7.2: PL counts the octets after the extended header (BTP-B and facilities).
            Assert.Equal(gn.Payload.Length, (augmented[4] << 8) | augmented[5]);
            // The CAM grows by 240 bits, 30 octets; the DENM's management addition is 247 bits, 30 or 31 octets
            // depending on the padding its encoding had.
            Assert.InRange(gn.Payload.Length - before.Payload.Length, 30, request.Payload.Cam is null ? 31 : 30);
            Assert.Equal(Report, IntegrityReportContainer.Read(augmented));
            Assert.Null(IntegrityReportContainer.Read(packet));

            // A second report replaces the first.
            var again = IntegrityReportContainer.Put(augmented, Report with { });
            Assert.Equal(augmented.Length, again.Length);
        }
    }

    public static TheoryData<string, Func<byte[]>, string> Unusable => new()
    {
        { "BTP port 2003 (no CAM or DENM)", () => Packet(new BtpBHeader(2003), [0x01, 0x02]), "port 2003" },
        { "a CAM with an extension addition this codec does not keep", () => Packet(new BtpBHeader(BtpPorts.Cam), CamWithUnknownAddition()), "re-encode" },
        { "truncated CAM", () => Packet(new BtpBHeader(BtpPorts.Cam), Hex.Parse(ExternalVectors.VanetzaCam)[..20]), "truncated" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void The_partition_step_refuses_what_it_cannot_carry_the_report_in(string name, Func<byte[]> packet, string reason)
    {
        var error = Assert.Throws<DecodeException>(() => IntegrityReportContainer.Put(packet(), Report));
        Assert.True(error.Reason.Contains(reason, StringComparison.Ordinal), $"{name}: {error.Reason}");
    }

    public static TheoryData<string, int[], int, string?> Containers => new()
    {
        { "another container only", [3], 25, null },
        { "the report among others", [1, 16, 2], 25, "report" },
        { "two reports", [16, 16], 25, "more than one" },
        { "a 24-octet report", [16], 24, "truncated" },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void Containers_are_read_by_id(string name, int[] ids, int size, string? outcome)
    {
        var cam = CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam));
        var data = Report.Encode()[..size];
        var list = ids.Select(id => new WrappedExtensionContainer(id, new OctetString(id == 16 ? data : [0x42]))).ToList();
        var carried = CamCodec.Decode(CamCodec.Encode(cam with
        {
            Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { ExtensionContainers = new SequenceOf<WrappedExtensionContainer>(list) } },
        }));
        switch (outcome)
        {
            case null:
                Assert.Null(IntegrityReportContainer.Read(carried));
                break;
            case "report":
                Assert.Equal(Report, IntegrityReportContainer.Read(carried));
                Assert.Equal(3, carried.Cam.CamParameters.ExtensionContainers!.Count);
                break;
            default:
                var error = Assert.Throws<DecodeException>(() => IntegrityReportContainer.Read(carried));
                Assert.True(error.Reason.Contains(outcome, StringComparison.Ordinal), $"{name}: {error.Reason}");
                break;
        }
    }

    public static TheoryData<string, bool, bool, bool> Pairs => new()
    {
        { "facilities carrier only", false, true, true },
        { "HeaderInfo carrier only", true, false, true },
        { "both, equal", true, true, true },
        { "both, counters differ", true, true, false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_message_with_two_disagreeing_reports_is_rejected(string name, bool inHeader, bool inFacilities, bool accepted)
    {
        var other = new IntegrityReport(Report.Level, Report.Detectors, Report.MessageCounter + 1, Report.Nonce, Report.ReportTime) { Coverage = Report.Coverage };
        var request = inFacilities ? FrameBuilder.WithReportInFacilities(StackCases.Cam(), Report) : StackCases.Cam();
        var frame = FrameBuilder.BuildSigned(request, StackCases.Pki.Signer, SignerChoice.Digest, inHeader ? (accepted ? Report : other) : null);
        using var cache = new VerificationKeyCache();
        if (accepted)
        {
            Assert.Equal(Report, FrameParser.Parse(frame, StackCases.WarmVerifier(cache)).IntegrityReport);
        }
        else
        {
            var error = Assert.Throws<DecodeException>(() => FrameParser.Parse(frame, StackCases.WarmVerifier(cache)));
            Assert.True(error.Reason.Contains("disagree", StringComparison.Ordinal), name);
            Assert.Equal(0, cache.Count);
        }
    }

    private static byte[] Packet(BtpBHeader btp, byte[] facilities)
    {
        var request = StackCases.Cam();
        var gn = GeoNetworkingCodec.DecodePacket(FrameBuilder.ToBeSignedPayload(request));
        return GeoNetworkingCodec.EncodePacket(gn with { Payload = BtpBCodec.Encode(btp, facilities) });
    }

    // A second CamParameters addition (one a later CAM version may define): skipped on decoding, so the partition
    // could not sign the CAM the application wrote and refuses.
    private static byte[] CamWithUnknownAddition() =>
        BitEditor.FromHex(ExternalVectors.VanetzaCam, 322).Set(64, 1, 1).Append(7, 1).Append(2, 0b01).Append(8, 1).Append(8, 0xAB).ToArray();
}
