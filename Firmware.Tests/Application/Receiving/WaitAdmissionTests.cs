using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Random signer digests (issue 10, part 4) cannot monopolise the certificate wait or the PKI look-ups: a digest
/// heard repeatedly (a real neighbour repeats its digest at up to 10 Hz, random digests never repeat) takes a
/// wait slot from a digest heard once, and look-ups are rate limited with the upper half of the burst kept for
/// repeated digests.
/// </summary>
public sealed class WaitAdmissionTests
{
    private static readonly TestAuthority Authority = new("admission.test");

    [Fact]
    public void Random_digests_cannot_keep_a_repeating_digest_out_of_the_wait()
    {
        using var receiver = new TestReceiver(Authority, o => o with { MaxWaitingFrames = 8 });
        for (var i = 0; i < 8; i++)
        {
            var stranger = new TestStation(Authority);
            Assert.Equal(ReceiveOutcome.Deferred, receiver.Process(stranger.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).Outcome);
        }

        var neighbour = new TestStation(Authority);
        var first = receiver.Process(neighbour.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var second = receiver.Process(neighbour.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));

        // Heard once, the wait is full; heard twice, it evicts a digest heard once.
        Assert.Equal(ReceiveReason.WaitQueueFull, first.Reason);
        Assert.Equal(ReceiveOutcome.Deferred, second.Outcome);
        Assert.Equal(8, receiver.Pipeline.WaitingCount);
        Assert.Equal(1, receiver.Pipeline.Statistics.WaitEvictions);
        Assert.Contains(receiver.Decided, r => r.Reason == ReceiveReason.WaitQueueFull && r.Signer != neighbour.Digest && r.Detail.StartsWith("evicted", StringComparison.Ordinal));

        // Its certificate-bearing CAM arrives: the frame that kept its place is decided.
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(receiver.Process(neighbour.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 3, receiver.Now))).IsAccepted);
        var released = Assert.Single(receiver.Decided, r => r.Counter == 2u && r.Signer == neighbour.Digest && r.Outcome != ReceiveOutcome.Deferred);
        Assert.True(released.IsAccepted, released.Detail);
    }

    [Fact]
    public void A_digest_heard_once_cannot_evict_another()
    {
        using var receiver = new TestReceiver(Authority, o => o with { MaxWaitingFrames = 2 });
        var results = Enumerable.Range(0, 4).Select(_ =>
            receiver.Process(new TestStation(Authority).Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).Reason).ToList();

        Assert.Equal([ReceiveReason.AwaitingCertificate, ReceiveReason.AwaitingCertificate, ReceiveReason.WaitQueueFull, ReceiveReason.WaitQueueFull], results);
        Assert.Equal(0, receiver.Pipeline.Statistics.WaitEvictions);
    }

    [Fact]
    public async Task Random_digests_cannot_starve_a_repeating_digest_of_pki_look_ups()
    {
        var directory = new TestDirectory(Authority, new FakeTimeProvider(TestAuthority.Now));
        using var receiver = new TestReceiver(Authority, o => o with { Directory = directory });
        var load = receiver.Pipeline.Options.Load;

        // 40 frames of 40 random digests within one 100 ms: no refill, each heard once.
        for (var i = 0; i < 40; i++)
        {
            receiver.Process(new TestStation(Authority).Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
            await receiver.Pipeline.FetchesSettledAsync();
        }

        var byRandomDigests = directory.CertificateRequests;

        // A neighbour the PKI knows: heard once it waits its turn like the rest; heard again it gets a look-up.
        var neighbour = new TestStation(Authority);
        directory.Publish(neighbour.Ticket);
        receiver.Process(neighbour.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();
        var afterFirst = directory.CertificateRequests;
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        receiver.Process(neighbour.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();

        Assert.Equal(load.PkiLookupBurst / 2, byRandomDigests);
        Assert.Equal(byRandomDigests, afterFirst);
        Assert.Equal(byRandomDigests + 1, directory.CertificateRequests);
        Assert.Equal(2, receiver.Decided.Count(r => r.Signer == neighbour.Digest && r.IsAccepted));
    }
}
