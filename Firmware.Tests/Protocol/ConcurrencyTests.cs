using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Protocol;

/// <summary>Several application connections signing at once: every counter value is handed out once.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_clients_never_receive_the_same_counter()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using (var setup = new SecurePartitionClient(channel.Connect()))
        {
            await TestPki.ProvisionAsync(setup);
        }

        var tasks = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var client = new SecurePartitionClient(channel.Connect());
            var counters = new List<uint>();
            for (var i = 0; i < 40; i++)
            {
                var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Denm, TestPki.CamPayload(50), null, SignerChoice.Digest));
                counters.Add(TestPki.Open(signed.Spdu).Report!.MessageCounter);
            }

            return counters;
        }).ToList();
        var all = (await Task.WhenAll(tasks)).SelectMany(c => c).ToList();
        Assert.Equal(240, all.Count);
        Assert.Equal(240, all.Distinct().Count());
        Assert.Equal(240UL, bench.Partition!.Counter.Peek);
    }
}
