using System.Buffers.Binary;
using Cti.Taxii;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Firmware.Upstream;
using PkiProtocol.Messages;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Upstream.Signing;

/// <summary>
/// Partition operation 0x0B sign-upstream-summary (Docs/secure-partition.md, Docs/upstream.md "Signed summaries"): the
/// forwarder's envelopes are signed inside the partition with the active authorization ticket under PSID 0x0D and
/// nothing else, and no other operation signs under 0x0D, so a summary signature never passes as a V2X message or back.
/// </summary>
public sealed class SummarySigningTests
{
    private static readonly byte[] Envelope = System.Text.Encoding.UTF8.GetBytes("""{"objects":[{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}]}""");

    [Fact]
    public async Task The_partition_signs_the_envelope_digest_with_the_active_ticket_under_psid_0x0D()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await client.AnnounceStartAsync("test application");
        var (slot, key) = await client.GenerateTicketKeyAsync();
        var ticket = TestPki.IssueTicket(key, upstream: true);
        await client.InstallTicketAsync(slot, ticket.Encoded);

        var spdu = await new PartitionLink(client).SignAsync("c1", Envelope, CancellationToken.None);

        var signed = Ieee1609Dot2Data.Decode(spdu!).SignedData!;
        Assert.Equal(SignerKind.Certificate, signed.Signer.Kind);
        Assert.Equal(ticket.HashedId8, Assert.Single(signed.Signer.Certificates).HashedId8);
        Assert.Equal(PkiPsids.UpstreamSummary, signed.TbsData.HeaderInfo.Psid);
        Assert.Equal(Time64.FromUtc(partition.Now), signed.TbsData.HeaderInfo.GenerationTime);
        Assert.Null(signed.TbsData.Payload.Data);
        Assert.Equal(EnvelopeSignature.Digest("c1", Envelope), signed.TbsData.Payload.ExtDataHash!.Hash.ToArray());
        TestPki.Verifier().Verify(signed);
        Assert.NotEqual(EnvelopeSignature.Digest("c2", Envelope), signed.TbsData.Payload.ExtDataHash!.Hash.ToArray());
    }

    // Before its first ticket (or without a PKI) a station has no identity to sign with: the envelope travels unsigned and
    // the hub's collection policy decides. A ticket without PSID 0x0D is not "no identity": that delivery fails and the
    // summaries stay queued, so a station is never quietly downgraded to unsigned by its own ticket's permissions.
    [Fact]
    public async Task Without_a_ticket_the_envelope_goes_unsigned_and_a_ticket_without_0x0D_fails_the_delivery()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        await client.AnnounceStartAsync("test application");
        var link = new PartitionLink(client);

        Assert.Null(await link.SignAsync("c1", Envelope, CancellationToken.None));

        var (slot, key) = await client.GenerateTicketKeyAsync();
        await client.InstallTicketAsync(slot, TestPki.IssueTicket(key, upstream: false).Encoded);
        var refused = await Assert.ThrowsAsync<PartitionException>(() => link.SignAsync("c1", Envelope, CancellationToken.None));
        Assert.Equal(PartitionError.NotPermitted, refused.Error);
    }

    // Docs/secure-partition.md: until the application announced its start the partition signs nothing for it. An
    // unmeasured application gets no summary signature either (ticket or not), and its delivery fails rather than going
    // out unsigned.
    [Fact]
    public async Task Before_the_application_announced_its_start_no_summary_is_signed()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        var link = new PartitionLink(client);

        var withoutTicket = await Assert.ThrowsAsync<PartitionException>(() => link.SignAsync("c1", Envelope, CancellationToken.None));
        var (slot, key) = await client.GenerateTicketKeyAsync();
        await client.InstallTicketAsync(slot, TestPki.IssueTicket(key, upstream: true).Encoded);
        var withTicket = await Assert.ThrowsAsync<PartitionException>(() => client.SignUpstreamSummaryAsync(new byte[32]));
        await client.AnnounceStartAsync("test application");

        Assert.Equal(PartitionError.ApplicationNotStarted, withoutTicket.Error);
        Assert.Equal(PartitionError.ApplicationNotStarted, withTicket.Error);
        Assert.NotNull(await link.SignAsync("c1", Envelope, CancellationToken.None));
    }

    public static TheoryData<string, bool, Func<SecurePartitionClient, Task>, PartitionError> Refusals => new()
    {
        { "no ticket installed", false, c => c.SignUpstreamSummaryAsync(new byte[32]), PartitionError.NoAuthorizationTicket },
        { "a ticket without PSID 0x0D", true, c => c.SignUpstreamSummaryAsync(new byte[32]), PartitionError.NotPermitted },
        { "augment-and-sign under PSID 0x0D", true, c => c.AugmentAndSignAsync(new SignRequest(PkiPsids.UpstreamSummary, TestPki.CamPayload(), null, SignerChoice.Certificate)),
            PartitionError.NotPermitted },
        { "a provisioning signature under PSID 0x0D", true, c => c.SignProvisioningRequestAsync(KeyRole.AuthorizationTicket, 0, PkiPsids.UpstreamSummary, SignerChoice.Self, new byte[8]),
            PartitionError.NotPermitted },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Nothing_else_signs_under_psid_0x0D_and_no_ticket_signs_nothing(string name, bool ticketWithoutUpstream, Func<SecurePartitionClient, Task> call,
        PartitionError error)
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        await client.AnnounceStartAsync("test application");
        if (ticketWithoutUpstream)
        {
            var (slot, key) = await client.GenerateTicketKeyAsync();
            // Row 2 needs a ticket without 0x0D; rows 3 and 4 hold one with it: 0x0D is refused there whatever the ticket.
            await client.InstallTicketAsync(slot, TestPki.IssueTicket(key, upstream: name != "a ticket without PSID 0x0D").Encoded);
        }

        var refused = await Assert.ThrowsAsync<PartitionException>(() => call(client));
        Assert.True(error == refused.Error, $"{name}: {refused.Error} {refused.Message}");
        Assert.Equal(1, (await client.HelloAsync()).Version);
    }

    [Theory]
    [InlineData("31 octets", 31)]
    [InlineData("33 octets", 33)]
    [InlineData("empty", 0)]
    public async Task A_digest_of_another_length_is_malformed(string name, int length)
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var raw = channel.Connect();
        var body = new byte[4 + length];
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)length);
        await raw.WriteAsync(new Frame((byte)MessageType.SignUpstreamSummary, 5, body).Encode());
        var answer = await Frame.ReadAsync(raw, 1 << 20, CancellationToken.None);
        Assert.Equal((byte)MessageType.Error, answer!.Type);
        Assert.True(BinaryPrimitives.ReadUInt16BigEndian(answer.Body) == (ushort)PartitionError.Malformed, name);

        await using var client = new SecurePartitionClient(channel.Connect());
        await Assert.ThrowsAsync<ArgumentException>(() => client.SignUpstreamSummaryAsync(new byte[length]));
    }
}
