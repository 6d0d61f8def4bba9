using Firmware.Application.Trust;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// A frame signed with a digest the receiver does not know waits, bounded in number and time, for a
/// certificate-bearing message from that signer (ETSI TS 103 097 v2.1.1 §7.1.1) or for the certificate
/// fetched from the PKI by HashedId8; when neither comes it is rejected.
/// </summary>
public sealed class UnknownSignerTests
{
    private static readonly TestAuthority Authority = new("unknown.test");

    [Fact]
    public void A_digest_frame_waits_for_the_certificate_bearing_message()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        var first = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        Assert.Equal((ReceiveOutcome.Deferred, ReceiveReason.AwaitingCertificate), (first.Outcome, first.Reason));
        Assert.Null(first.Decision);
        Assert.Equal(1, receiver.Pipeline.WaitingCount);

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(400));
        var second = receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));

        Assert.True(second.IsAccepted, second.Detail);
        Assert.Equal(0, receiver.Pipeline.WaitingCount);
        var released = Assert.Single(receiver.Decided, r => r.Counter == 1u && r.Outcome != ReceiveOutcome.Deferred);
        Assert.True(released.IsAccepted, released.Detail);
    }

    [Fact]
    public void Without_a_certificate_the_wait_runs_out_and_the_frame_is_rejected()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal(0, receiver.Pipeline.Sweep());
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, receiver.Pipeline.Sweep());

        var rejected = receiver.Decided.Last();
        Assert.Equal((ReceiveOutcome.Rejected, ReceiveStage.Signer, ReceiveReason.UnknownSigner), (rejected.Outcome, rejected.Stage, rejected.Reason));
        Assert.Equal((0, 0, 0, 0), receiver.State);
    }

    [Fact]
    public void The_waiting_queue_is_bounded()
    {
        using var receiver = new TestReceiver(Authority, o => o with { MaxWaitingFrames = 2 });
        var results = Enumerable.Range(0, 3).Select(i =>
        {
            var station = new TestStation(Authority);
            return receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        }).ToList();

        Assert.Equal([ReceiveReason.AwaitingCertificate, ReceiveReason.AwaitingCertificate, ReceiveReason.WaitQueueFull], results.Select(r => r.Reason));
        Assert.Equal(2, receiver.Pipeline.WaitingCount);
    }

    [Fact]
    public async Task The_certificate_is_fetched_from_the_pki_by_hashedid8()
    {
        var directory = new TestDirectory(Authority, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestAuthority.Now));
        using var receiver = new TestReceiver(Authority, o => o with { Directory = directory });
        var station = new TestStation(Authority);
        directory.Publish(station.Ticket);

        var deferred = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 9, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();

        Assert.Equal(ReceiveOutcome.Deferred, deferred.Outcome);
        var decided = Assert.Single(receiver.Decided, r => r.Outcome != ReceiveOutcome.Deferred);
        Assert.True(decided.IsAccepted, decided.Detail);
        Assert.Equal(1, directory.CertificateRequests);
    }

    [Fact]
    public async Task A_certificate_the_pki_does_not_have_is_not_asked_for_again_at_once()
    {
        var directory = new TestDirectory(Authority, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestAuthority.Now));
        using var receiver = new TestReceiver(Authority, o => o with { Directory = directory });
        var station = new TestStation(Authority);

        receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();

        Assert.Equal(1, directory.CertificateRequests);
        Assert.Equal(2, receiver.Pipeline.WaitingCount);
    }

    [Fact]
    public async Task An_unknown_issuer_is_fetched_with_its_crl_and_the_waiting_frame_passes()
    {
        // The receiver trusts only the root (an AA rollover it has not heard of): the ticket's AA is fetched by
        // HashedId8, validated under the root, and its CRL fetched with it, so the frame passes the revocation
        // stage (which fails closed on a CA without a current CRL).
        var directory = new TestDirectory(Authority, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestAuthority.Now));
        using var receiver = new TestReceiver(Authority, o =>
        {
            var rootOnly = new RevocationSet();
            rootOnly.Apply(Authority.Root.HashedId8, TestAuthority.Crl(TestAuthority.Now));
            return o with { Directory = directory, Trust = new TrustStore(Authority.Root), Revocations = rootOnly };
        });
        var station = new TestStation(Authority);

        var deferred = receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 9, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();

        Assert.Equal((ReceiveOutcome.Deferred, ReceiveReason.AwaitingCertificate), (deferred.Outcome, deferred.Reason));
        var decided = Assert.Single(receiver.Decided, r => r.Outcome != ReceiveOutcome.Deferred);
        Assert.True(decided.IsAccepted, $"{decided.Reason}: {decided.Detail}");
        Assert.True(receiver.Pipeline.Revocations.HasCurrentCrl(Authority.Aa.HashedId8, V2x.Time.Time64.FromUtc(receiver.Now)));
    }

    [Fact]
    public async Task A_digest_the_pki_does_not_have_is_forgotten_after_the_retry_time()
    {
        // Digests off the air cannot grow the receiver's memory of "not found" answers without bound.
        var directory = new TestDirectory(Authority, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestAuthority.Now));
        using var receiver = new TestReceiver(Authority, o => o with { Directory = directory });
        var first = new TestStation(new TestAuthority("stranger-1.test"));
        var second = new TestStation(new TestAuthority("stranger-2.test"));

        receiver.Process(first.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();
        var remembered = receiver.Pipeline.RememberedMissing;
        receiver.Clock.Advance(receiver.Pipeline.Options.CertificateWait + receiver.Pipeline.Options.FetchRetry);
        receiver.Process(second.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now)));
        await receiver.Pipeline.FetchesSettledAsync();

        Assert.Equal(1, remembered);
        Assert.Contains(receiver.Decided, r => r.Reason == ReceiveReason.UnknownIssuer);
        Assert.Equal(1, receiver.Pipeline.RememberedMissing);
        Assert.Equal(2, directory.CertificateRequests);
    }
}
