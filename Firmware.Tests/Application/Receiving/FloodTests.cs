using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Signature floods (issue 10, part 3): forgeries under a cached victim's ticket cost no ECDSA once the ticket is
/// backed off, while the victim's actionable messages are still verified and its awareness messages sampled; a
/// certificate that failed validation is not validated again; a valid but uncached ticket carried by forgeries
/// costs one chain validation, not one per frame, and is never cached. Verifications are counted through
/// <see cref="ReceivePipeline.Statistics"/>, never timed.
/// </summary>
public sealed class FloodTests
{
    private static readonly TestAuthority Authority = new("flood.test");

    [Fact]
    public void Forgeries_under_a_cached_victims_digest_stop_costing_an_ecdsa_each_after_back_off()
    {
        using var receiver = new TestReceiver(Authority);
        var victim = new TestStation(Authority);
        Assert.True(receiver.Process(victim.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now))).IsAccepted);
        var before = receiver.State;
        var verifiedBefore = receiver.Pipeline.Statistics.SignatureVerifications;

        // 1,000 forged CAMs in one second under the victim's digest (one a millisecond).
        var reasons = new List<ReceiveReason>();
        for (var i = 0; i < 1000; i++)
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(1));
            reasons.Add(receiver.Process(victim.ForgedCam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 2u + (uint)i, receiver.Now))).Reason);
        }

        var options = receiver.Pipeline.Options.Load;
        var verified = receiver.Pipeline.Statistics.SignatureVerifications - verifiedBefore;

        // The threshold's worth of bad signatures (one more: the score decays a little between them), then the
        // sampling budget: its burst and one second of its rate.
        Assert.True(verified <= options.BackoffThreshold + 1 + options.BackoffSampleBurst + (long)options.BackoffSamplesPerSecond,
            $"{verified} ECDSA verifications for 1,000 forgeries");
        Assert.Equal(verified, reasons.Count(r => r == ReceiveReason.BadSignature));
        Assert.Equal(1000 - verified, reasons.Count(r => r == ReceiveReason.BackedOff));
        Assert.True(receiver.Pipeline.IsBackedOff(victim.Digest));
        Assert.Equal(before, receiver.State);
    }

    [Fact]
    public void A_backed_off_victims_denm_is_still_verified_and_its_cams_are_verified_again_after_the_flood()
    {
        using var receiver = new TestReceiver(Authority);
        var victim = new TestStation(Authority);
        uint counter = 1;
        Assert.True(receiver.Process(victim.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now))).IsAccepted);
        for (var i = 0; i < 200; i++)
        {
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(1));
            receiver.Process(victim.ForgedCam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        }

        Assert.True(receiver.Pipeline.IsBackedOff(victim.Digest));

        // Actionable: every DENM is verified, the victim's accepted and acted on, a forged one refused as forged.
        var genuineDenm = receiver.Process(victim.Denm(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var forgedDenm = receiver.Process(victim.ForgedDenm(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        Assert.Equal((ReceiveOutcome.Accepted, TrustDecision.Act, false), (genuineDenm.Outcome, genuineDenm.Decision, genuineDenm.Unverified));
        Assert.Equal(ReceiveReason.BadSignature, forgedDenm.Reason);

        // The trade-off: while backed off, the victim's own CAM is verified only when sampled (the budget is spent).
        var sampledOut = receiver.Process(victim.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));
        Assert.Equal(ReceiveReason.BackedOff, sampledOut.Reason);

        // The forgeries stop: the score halves every half-life from its cap, and the victim's CAMs are verified again.
        var load = receiver.Pipeline.Options.Load;
        receiver.Clock.Advance(load.BackoffHalfLife * Math.Ceiling(Math.Log2((double)load.BackoffScoreCap / load.BackoffThreshold) + 0.01));
        var after = receiver.Process(victim.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counter, receiver.Now)));
        Assert.False(receiver.Pipeline.IsBackedOff(victim.Digest));
        Assert.True(after.IsAccepted, $"{after.Reason}: {after.Detail}");
    }

    public static TheoryData<string, int> BrokenTickets => new()
    {
        { "the AA's signature on it broken", 0 },
        { "its validity outside the AA's", 1 },
    };

    [Theory]
    [MemberData(nameof(BrokenTickets))]
    public void A_certificate_that_failed_validation_is_not_validated_again(string name, int kind)
    {
        using var receiver = new TestReceiver(Authority);
        TestStation forger;
        if (kind == 0)
        {
            // The ticket's octets as issued, the last octet of the AA's signature flipped.
            var station = new TestStation(Authority);
            var octets = station.Ticket.Encoded.ToArray();
            octets[^1] ^= 0x01;
            forger = new TestStation(V2x.Security.Certificates.Certificate.Decode(octets), station.Key);
        }
        else
        {
            // Ten years from 2026: past the AA's end (2030): IEEE 1609.2-2016 §5.1.2 nesting.
            forger = new TestStation(Authority, validity: new V2x.Security.Certificates.ValidityPeriod(
                V2x.Time.Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new V2x.Security.Certificates.Duration(V2x.Security.Certificates.DurationUnit.Years, 10)));
        }

        var reasons = new List<ReceiveReason>();
        for (var i = 0; i < 20; i++)
        {
            reasons.Add(receiver.Process(forger.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1u + (uint)i, receiver.Now))).Reason);
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(reasons.All(r => r == ReceiveReason.ChainInvalid), $"{name}: {string.Join(", ", reasons.Distinct())}");
        Assert.Equal(1, receiver.Pipeline.Statistics.ChainValidations);
        Assert.Equal(19, receiver.Pipeline.Statistics.RememberedFailures);
        Assert.Equal((0, 0, 0, 0), receiver.State);
    }

    [Fact]
    public void A_valid_uncached_ticket_carried_by_forgeries_costs_one_chain_validation_and_is_never_cached()
    {
        using var receiver = new TestReceiver(Authority);
        var victim = new TestStation(Authority);
        var reasons = new List<ReceiveReason>();
        for (var i = 0; i < 300; i++)
        {
            reasons.Add(receiver.Process(victim.ForgedCam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1u + (uint)i, receiver.Now))).Reason);
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1, receiver.Pipeline.Statistics.ChainValidations);
        Assert.True(reasons.Count(r => r == ReceiveReason.BackedOff) >= 250, string.Join(", ", reasons.GroupBy(r => r).Select(g => $"{g.Key} {g.Count()}")));
        Assert.Equal((0, 0, 0, 0), receiver.State);

        // Nothing was cached: the owner's digest-signed frame still waits for its certificate, and its
        // certificate-bearing DENM (actionable: verified despite the back-off) is accepted.
        var waiting = receiver.Process(victim.Cam(receiver.Now, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 1000, receiver.Now)));
        var denm = receiver.Process(victim.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1001, receiver.Now)));
        Assert.Equal(ReceiveOutcome.Deferred, waiting.Outcome);
        Assert.True(denm.IsAccepted, $"{denm.Reason}: {denm.Detail}");
        Assert.Equal(1, receiver.Pipeline.Statistics.ChainValidations);
        Assert.Equal(1, receiver.Pipeline.Trust.SignerCount);
    }
}
