using Firmware.SecurePartition;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Application.Support;
using Firmware.Tests.Support;
using V2x.Btp;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Stack;

namespace Firmware.Tests.Protocol;

/// <summary>
/// The secure partition writes the report into the carrier of its configuration (Docs/formats.md §3.8): inside the
/// CAM or DENM of the GeoNetworking packet it is asked to sign (the Common Header's payload length fixed), or in
/// HeaderInfo; one signature covers it either way, and the application has no say in it.
/// </summary>
public sealed class ReportCarrierTests
{
    private static readonly DateTimeOffset Now = TestBench.Start;

    public static TheoryData<string, ReportCarrier, bool, ReportCarrier?> Rows => new()
    {
        // name, partition's carrier, DENM (else CAM), where the report ends up (null: refused)
        { "facilities partition, CAM", ReportCarrier.Facilities, false, ReportCarrier.Facilities },
        { "facilities partition, DENM", ReportCarrier.Facilities, true, ReportCarrier.Facilities },
        { "HeaderInfo partition, CAM", ReportCarrier.HeaderInfo, false, ReportCarrier.HeaderInfo },
        { "HeaderInfo partition, DENM", ReportCarrier.HeaderInfo, true, ReportCarrier.HeaderInfo },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_report_goes_where_the_partition_is_configured_to_put_it(string name, ReportCarrier configured, bool denm, ReportCarrier? expected)
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition(carrier: configured)));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var identity = new Firmware.Application.Composition.StationIdentity(7, V2x.Link.MacAddress.Parse("02:00:00:00:00:07"));
        var request = denm ? TestStation.DenmRequest(identity, Now) : TestStation.CamRequest(identity, Now);
        var packet = FrameBuilder.ToBeSignedPayload(request);

        var signed = await client.AugmentAndSignAsync(new SignRequest(request.Payload.Psid, packet, null, SignerChoice.Certificate));
        var (spdu, inHeader) = TestPki.Open(signed.Spdu);
        var inPayload = IntegrityReportContainer.Read(spdu.Payload.Span);

        Assert.Equal(expected, inHeader is not null ? ReportCarrier.HeaderInfo : inPayload is not null ? ReportCarrier.Facilities : null);
        var report = (inHeader ?? inPayload)!;
        Assert.True(signed.ReportIncluded, name);
        Assert.Equal(signed.MessageCounter, report.MessageCounter);
        Assert.Equal(spdu.HeaderInfo.GenerationTime, report.ReportTime);
        if (expected == ReportCarrier.Facilities)
        {
            // The packet is the application's, with the report in its CAM or DENM and PL counting the new length.
            var sent = GeoNetworkingCodec.DecodePacket(spdu.Payload);
            var given = GeoNetworkingCodec.DecodePacket(packet);
            Assert.Equal((given.Common, given.Extended), (sent.Common, sent.Extended));
            Assert.Equal(sent.Payload.Length, (spdu.Payload.Span[4] << 8) | spdu.Payload.Span[5]);
            Assert.Null(spdu.HeaderInfo.ContributedExtensions);
            var btp = BtpBCodec.Decode(sent.Payload);
            Assert.Equal(request.Payload.Btp, btp.Header);
            if (request.Payload.Cam is { } cam)
            {
                var received = V2x.Facilities.Cam.CamCodec.Decode(btp.Payload);
                Assert.Equal(cam, received with { Cam = received.Cam with { CamParameters = received.Cam.CamParameters with { ExtensionContainers = null } } });
            }
            else
            {
                var received = V2x.Facilities.Denm.DenmCodec.Decode(btp.Payload);
                Assert.Equal(request.Payload.Denm, received with { Denm = received.Denm with { Management = received.Denm.Management with { ExtensionContainers = null } } });
            }
        }

        else
        {
            Assert.Equal(packet, spdu.Payload.ToArray());
        }
    }

    [Fact]
    public async Task A_payload_that_is_no_cam_or_denm_packet_carries_the_report_in_HeaderInfo()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition(carrier: ReportCarrier.Facilities)));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);

        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));

        var (spdu, report) = TestPki.Open(signed.Spdu);
        Assert.NotNull(report);
        Assert.Equal(TestPki.CamPayload(), spdu.Payload.ToArray());
    }

    [Fact]
    public async Task A_cam_packet_whose_cam_does_not_decode_is_refused_in_the_facilities_carrier()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition(carrier: ReportCarrier.Facilities)));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var identity = new Firmware.Application.Composition.StationIdentity(7, V2x.Link.MacAddress.Parse("02:00:00:00:00:07"));
        var packet = FrameBuilder.ToBeSignedPayload(TestStation.CamRequest(identity, Now));
        var cut = packet[..^5];
        // The Common Header's PL (octets 4-5) says what is left after the 36 octets of Common Header and SHB.
        cut[4] = (byte)((cut.Length - 36) >> 8);
        cut[5] = (byte)(cut.Length - 36);

        // A malformed request (error code below 10) reaches the client as a ProtocolException; the connection stays open.
        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.AugmentAndSignAsync(new SignRequest(Psid.Cam, cut, null, SignerChoice.Digest)));

        Assert.Equal(PartitionError.Malformed, error.Error);

        // Where the signed policy leaves the report out (option 3, a clean CAM), nothing is put into the CAM, and the
        // partition signs what it is given.
        using var option3 = TestBench.Create(DefaultPolicies.SimulatedObu() with { SendingOption = SendingPolicy.SafetyCriticalOnly });
        using var channel3 = new InMemoryChannel(new ProtocolServer(option3.StartPartition(carrier: ReportCarrier.Facilities)));
        await using var client3 = new SecurePartitionClient(channel3.Connect());
        await TestPki.ProvisionAsync(client3);
        var plain = await client3.AugmentAndSignAsync(new SignRequest(Psid.Cam, cut, null, SignerChoice.Digest));
        Assert.False(plain.ReportIncluded);
        Assert.Equal(cut, TestPki.Open(plain.Spdu).Spdu.Payload.ToArray());
    }

    [Fact]
    public void An_undefined_carrier_is_a_configuration_error()
    {
        using var bench = TestBench.Create();
        Assert.Throws<ArgumentException>(() => bench.StartPartition(carrier: (ReportCarrier)7));
    }
}
