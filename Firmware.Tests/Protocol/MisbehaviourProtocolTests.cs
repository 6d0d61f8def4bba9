using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using PkiProtocol.Misbehaviour;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Protocol;

/// <summary>
/// The partition operations of issue 14 (Docs/secure-partition.md): misbehaviour reports signed with the active ticket (the
/// partition's own anomaly report it builds itself; a receiver's observation), retiring a ticket found on a CRL, listing tickets.
/// </summary>
public sealed class MisbehaviourProtocolTests
{
    [Fact]
    public async Task The_own_anomaly_report_is_built_and_signed_by_the_partition_only_when_something_is_detected()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        // Nothing detected: nothing to report.
        Assert.Equal(PartitionError.NotPermitted, (await Assert.ThrowsAsync<PartitionException>(() => client.SignOwnAnomalyReportAsync())).Error);

        // A rogue process latches a high anomaly: without a ticket there is no signature; with one, the report.
        bench.Board.StartRogueProcess();
        await client.TriggerCheckAsync(TriggerKind.Requested, "test");
        Assert.Equal(PartitionError.NoAuthorizationTicket, (await Assert.ThrowsAsync<PartitionException>(() => client.SignOwnAnomalyReportAsync())).Error);
        await TestPki.ProvisionAsync(client);
        var signed = await client.SignOwnAnomalyReportAsync();
        var spdu = Ieee1609Dot2Data.Decode(signed).SignedData!;
        Assert.Equal(new Psid(0x1D), spdu.TbsData.HeaderInfo.Psid);
        var ticket = spdu.Signer.Certificates.Single();
        var cache = new VerificationKeyCache(4);
        cache.Add(ticket);
        new SpduVerifier(cache).Verify(spdu);

        var report = MisbehaviourReport.Decode(spdu.TbsData.Payload.Data!.Opaque);
        Assert.Equal(MisbehaviourKind.IdfAnomaly, report.Kind);
        var compact = IntegrityReport.Decode(report.Evidence);
        Assert.Equal((IntegrityLevel.HighAnomaly, DetectorFlags.Process), (compact.Level, compact.Detectors));
    }

    public static TheoryData<string, Func<byte[]>, PartitionError> ObservationRows => new()
    {
        { "an IDF compromise the application made up", () => new MisbehaviourReport { GenerationTime = new Time64(1), Kind = MisbehaviourKind.IdfCompromise }.ToBytes(), PartitionError.NotPermitted },
        { "an incident finding", () => new MisbehaviourReport { GenerationTime = new Time64(1), Kind = MisbehaviourKind.IncidentFinding, Subject = new HashedId8(9) }.ToBytes(), PartitionError.NotPermitted },
        { "not a report", () => [0x13, 0x37], PartitionError.Malformed },
    };

    [Theory]
    [MemberData(nameof(ObservationRows))]
    public async Task The_application_files_observations_only(string name, Func<byte[]> report, PartitionError error)
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        // A body that does not decode is Malformed, which closes the connection (Docs/secure-partition.md): a new one is opened.
        var e = await Assert.ThrowsAnyAsync<Exception>(() => client.SignObservationReportAsync(report()));
        Assert.True(error == (e is PartitionException p ? p.Error : ((ProtocolException)e).Error), $"{name}: {e.Message}");
        await using var fresh = new SecurePartitionClient(channel.Connect());

        var observation = new MisbehaviourReport { GenerationTime = new Time64(1), Kind = MisbehaviourKind.Observation, Subject = new HashedId8(9), Evidence = new byte[] { 1 } };
        var signed = Ieee1609Dot2Data.Decode(await fresh.SignObservationReportAsync(observation.ToBytes())).SignedData!;
        Assert.Equal(observation.ToBytes(), signed.TbsData.Payload.Data!.Opaque.ToArray());
        Assert.Equal(SignerKind.Certificate, signed.Signer.Kind);
    }

    [Fact]
    public async Task A_retired_ticket_is_gone_and_the_next_one_signs()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        var first = await TestPki.ProvisionAsync(client);
        var second = await TestPki.ProvisionAsync(client);
        var tickets = await client.ListTicketsAsync();
        Assert.Equal([(first, true), (second, false)], tickets.Select(t => (t.Slot, t.Active)));
        var firstTicket = Certificate.Decode(tickets[0].Certificate).HashedId8;

        Assert.Equal(second, await client.RetireTicketAsync(first));
        Assert.Equal([(second, true)], (await client.ListTicketsAsync()).Select(t => (t.Slot, t.Active)));
        var message = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Certificate));
        Assert.NotEqual(firstTicket, Ieee1609Dot2Data.Decode(message.Spdu).SignedData!.Signer.Certificates.Single().HashedId8);
        Assert.DoesNotContain(bench.Board.Capabilities.KeyStore!.List(), l => l == $"idf-at{first}");

        Assert.Equal(PartitionError.UnknownSlot, (await Assert.ThrowsAsync<PartitionException>(() => client.RetireTicketAsync(first))).Error);
        Assert.Null(await client.RetireTicketAsync(second));
        Assert.Empty(await client.ListTicketsAsync());
        Assert.Equal(PartitionError.NoAuthorizationTicket,
            (await Assert.ThrowsAsync<PartitionException>(() => client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Certificate)))).Error);

        // Retired stays retired across a restart.
        bench.Restart();
        using var again = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var restarted = new SecurePartitionClient(again.Connect());
        Assert.Empty(await restarted.ListTicketsAsync());
    }
}
