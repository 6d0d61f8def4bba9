using System.Buffers.Binary;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Hardware.Memory;
using V2x.Security;

namespace Firmware.Tests.Protocol;

/// <summary>
/// Issue 10, holes 2 and 7, at the partition's socket, with raw AugmentAndSign frames as any client could write
/// them: the client cannot choose whether the integrity report travels (bit 0 of the flags, once "include the
/// report", is refused; a request without it gets the report wherever the signed policy's sending option, the
/// PSID or a latch puts it), before and after a latch; and nothing is signed under the IDF (0x1E) or OEM (0x1D)
/// PSIDs or any PSID that is no message service. A refused request signs and counts nothing.
/// </summary>
public sealed class ReportDecisionTests
{
    // name, the policy's sending option, PSID, a latch (stack-guard hit: high anomaly) before signing, the report travels
    public static TheoryData<string, SendingPolicy, ulong, bool, bool> Rows => new()
    {
        { "option 1, clean CAM: with the report", SendingPolicy.ReportOnlyWhenClean, 36, false, true },
        { "option 1, latched CAM: with the report (the application withholds it; sent anyway, it says so)", SendingPolicy.ReportOnlyWhenClean, 36, true, true },
        { "option 2, clean CAM: with the report", SendingPolicy.AlwaysInclude, 36, false, true },
        { "option 2, latched CAM: with the report", SendingPolicy.AlwaysInclude, 36, true, true },
        { "option 2, clean DENM: with the report", SendingPolicy.AlwaysInclude, 37, false, true },
        { "option 2, latched DENM: with the report", SendingPolicy.AlwaysInclude, 37, true, true },
        { "option 3, clean CAM: without the report (the only report-less case)", SendingPolicy.SafetyCriticalOnly, 36, false, false },
        { "option 3, latched CAM: with the report (a latch is above no anomaly)", SendingPolicy.SafetyCriticalOnly, 36, true, true },
        { "option 3, clean DENM: with the report (safety-critical)", SendingPolicy.SafetyCriticalOnly, 37, false, true },
        { "option 3, latched DENM: with the report", SendingPolicy.SafetyCriticalOnly, 37, true, true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_partition_decides_whether_the_report_travels(string name, SendingPolicy option, ulong psid, bool latched, bool report)
    {
        using var bench = TestBench.Create(DefaultPolicies.SimulatedObu() with { SendingOption = option });
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using (var client = new SecurePartitionClient(channel.Connect()))
        {
            await TestPki.ProvisionAsync(client);
        }

        if (latched)
        {
            bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app");
        }

        // Flags 0: what a client asking "without the report" sent before; there is no way to ask for less.
        var answer = await CallAsync(channel, Request(psid, flags: 0));
        Assert.True(answer.Type == (0x02 | Frame.ResponseBit), $"{name}: answered 0x{answer.Type:X2} {ErrorText(answer)}");
        var included = answer.Body[7] != 0;
        var spdu = answer.Body.AsSpan(13, (int)BinaryPrimitives.ReadUInt32BigEndian(answer.Body.AsSpan(9))).ToArray();
        Assert.True(report == included, $"{name}: report included {included}");
        Assert.Equal(report, TestPki.Open(spdu).Report is not null);
        Assert.Equal((byte)option, answer.Body[8]);
        if (latched)
        {
            Assert.NotEqual(0, answer.Body[0]);
        }
    }

    [Theory]
    [InlineData("clean", false)]
    [InlineData("after a latch", true)]
    public async Task Flag_bit_0_is_refused_typed_and_signs_nothing(string name, bool latched)
    {
        using var bench = TestBench.Create(DefaultPolicies.SimulatedObu() with { SendingOption = SendingPolicy.SafetyCriticalOnly });
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using (var client = new SecurePartitionClient(channel.Connect()))
        {
            await TestPki.ProvisionAsync(client);
        }

        if (latched)
        {
            bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app");
        }

        var counter = partition.Counter.Peek;
        foreach (var psid in new ulong[] { 36, 37 })
        {
            var answer = await CallAsync(channel, Request(psid, flags: 0x01));
            Assert.True(answer.Type == 0x7F, $"{name}, PSID {psid}: answered 0x{answer.Type:X2}");
            Assert.Equal((ushort)PartitionError.Malformed, BinaryPrimitives.ReadUInt16BigEndian(answer.Body));
            Assert.Contains("bit 0", ErrorText(answer), StringComparison.Ordinal);
        }

        Assert.Equal(counter, partition.Counter.Peek);
    }

    // Hole 7: the IDF and OEM PSIDs (which the test ticket holds, as the bench AA grants them) and PSIDs that are no
    // message service are refused, typed; the connection stays open and nothing is counted.
    [Theory]
    [InlineData("IDF assurance PSID 0x1E", 0x1E, true)]
    [InlineData("OEM / misbehaviour-report PSID 0x1D", 0x1D, true)]
    [InlineData("PSID 0x22, no message service", 0x22, true)]
    [InlineData("CAM PSID 36", 36, false)]
    [InlineData("DENM PSID 37", 37, false)]
    public async Task Nothing_is_signed_under_a_psid_that_is_no_message_service(string name, ulong psid, bool refused)
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var counter = partition.Counter.Peek;

        using var raw = channel.Connect();
        await raw.WriteAsync(Request(psid, flags: 0).Encode());
        var answer = await Frame.ReadAsync(raw, 1 << 20, CancellationToken.None);

        Assert.NotNull(answer);
        if (refused)
        {
            Assert.True(answer.Type == 0x7F, $"{name}: signed");
            Assert.True((ushort)PartitionError.NotAMessagePsid == BinaryPrimitives.ReadUInt16BigEndian(answer.Body), $"{name}: {ErrorText(answer)}");
            Assert.Equal(counter, partition.Counter.Peek);

            // The connection stays open: the next request on it is served.
            await raw.WriteAsync(new Frame(0x01, 2, []).Encode());
            Assert.Equal(0x81, (await Frame.ReadAsync(raw, 1 << 20, CancellationToken.None))!.Type);
        }
        else
        {
            Assert.True(answer.Type == 0x82, $"{name}: {ErrorText(answer)}");
        }
    }

    private static Frame Request(ulong psid, byte flags)
    {
        var payload = TestPki.CamPayload();
        var body = new byte[8 + 1 + 1 + 4 + payload.Length];
        BinaryPrimitives.WriteUInt64BigEndian(body, psid);
        body[8] = flags;
        body[9] = 1; // signer: certificate
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(10), (uint)payload.Length);
        payload.CopyTo(body, 14);
        return new Frame(0x02, 1, body);
    }

    private static async Task<Frame> CallAsync(InMemoryChannel channel, Frame request)
    {
        await using var raw = channel.Connect();
        await raw.WriteAsync(request.Encode());
        return await Frame.ReadAsync(raw, 1 << 20, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException("no answer");
    }

    private static string ErrorText(Frame answer) => answer.Type == 0x7F && answer.Body.Length >= 4
        ? System.Text.Encoding.UTF8.GetString(answer.Body, 4, Math.Min(answer.Body.Length - 4, BinaryPrimitives.ReadUInt16BigEndian(answer.Body.AsSpan(2))))
        : "";
}
