using Bench.Flood;
using Firmware.Application.Receiving;

namespace Bench.Tests.Flood;

/// <summary>
/// The flood bench's traffic is what it claims, checked frame by frame through a receive pipeline on a clock set to
/// each frame's planned arrival (no wall clock): genuine CAMs accepted (certificate first), their replays
/// duplicates, forgeries under the victims' cached digests bad signatures, uncached tickets' frames bad signatures
/// (valid chains, one validation per ticket, another key's signatures), random digests waiting; the counts follow
/// the rates (low enough here that no ticket reaches the back-off threshold).
/// </summary>
public class FloodTrafficTests
{
    [Fact]
    public void Every_kind_of_frame_is_decided_as_its_kind_should_be()
    {
        var options = new FloodOptions
        {
            Duration = TimeSpan.FromSeconds(1),
            Warmup = TimeSpan.FromSeconds(0.5),
            Neighbours = 4,
            ForgedPerSecond = 6,
            Victims = 2,
            UncachedPerSecond = 20,
            UncachedTickets = 5,
            RandomDigestsPerSecond = 10,
        };
        var traffic = FloodTraffic.Generate(options);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FloodTraffic.Epoch);
        using var trust = traffic.NewTrustStore();
        using var pipeline = new ReceivePipeline(new ReceiverOptions { Trust = trust, Clock = clock, Revocations = traffic.Crls() });

        var byKind = new Dictionary<FloodKind, List<ReceiveReason>>();
        foreach (var item in traffic.Items)
        {
            clock.SetUtcNow(FloodTraffic.Epoch.AddTicks(item.OffsetTicks));
            var r = pipeline.Process(item.Frame, item.Kind.ToString());
            (byKind.TryGetValue(item.Kind, out var list) ? list : byKind[item.Kind] = []).Add(r.Reason);
        }

        Assert.Equal((6, 20, 10), (byKind[FloodKind.Forged].Count, byKind[FloodKind.Uncached].Count, byKind[FloodKind.RandomDigest].Count));
        Assert.Equal(4 * 15, byKind[FloodKind.Genuine].Count);
        Assert.All(byKind[FloodKind.Genuine], r => Assert.Equal(ReceiveReason.None, r));
        Assert.All(byKind[FloodKind.Replay], r => Assert.Equal(ReceiveReason.Duplicate, r));
        Assert.All(byKind[FloodKind.Forged], r => Assert.Equal(ReceiveReason.BadSignature, r));
        Assert.All(byKind[FloodKind.Uncached], r => Assert.Equal(ReceiveReason.BadSignature, r));
        Assert.All(byKind[FloodKind.RandomDigest], r => Assert.Equal(ReceiveReason.AwaitingCertificate, r));
        Assert.Equal(5, pipeline.Statistics.ChainValidations - 4);
    }
}
