using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Application.Trust;
using Firmware.Tests.Application.Support;
using Microsoft.Extensions.Time.Testing;
using Testing;
using V2x.Pcap;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Messages from another implementation: the frames and certificates riebl/vanetza (commit 9811d58e) produced
/// (Testing/Vectors/vanetza/README.md), through the whole receive pipeline with its clock driven to each frame's
/// capture time. vanetza counts Time64 from the UTC clock without the leap seconds inserted since 2004, so its
/// generation times are 5 s behind the TAI time line of IEEE 1609.2 §6.3.11 (Time64: TAI microseconds): at the
/// capture time a correct receiver finds them stale; with its clock on vanetza's time line (the capture time less
/// those 5 s) they decode, verify and take the conventional path (a legacy sender, row 6), the ticket known as a
/// signer. The stock ("naive") chain is rejected under every policy. vanetza's own chain is hashed as sent rather
/// than canonically: refused by default, its hash links accepted only under the explicit local policy
/// (Docs/trust-decisions.md, "Chains hashed as sent"), where its ticket then fails the permission check (it
/// carries PSID 0x1020407E, which its AA may not issue); a chain built here the way vanetza hashes, with
/// consistent permissions, shows the policy accepting. A bad signature is a bad signature under every policy.
/// </summary>
public sealed class ForeignStackTests
{
    private const string Source = "vanetza";

    // capture, frames signed by its ticket, frames signed by another ticket whose chain this receiver does not have
    public static TheoryData<string, int, int> KnownSignerCaptures => new()
    {
        { "vanetza-cam.pcap", 15, 0 },

        // socktap-cam.pcap also holds 4 DENMs of station 1162269775 signed by another ticket (issuer 82af9e804a979396),
        // generated 20 minutes before they were captured: never accepted.
        { "socktap-cam.pcap", 56, 4 },
    };

    [Theory]
    [MemberData(nameof(KnownSignerCaptures))]
    public void With_the_ticket_as_a_known_signer_every_frame_is_decoded_verified_and_conventional(string capture, int fromTicket, int others)
    {
        var frames = Frames(capture);
        var at = Ticket(capture, frames);
        using var receiver = KnownSigner(capture, frames);

        var results = RunAndSweep(receiver, frames, VanetzaLag(frames));

        var mine = results.Where(r => r.Signer == at.HashedId8).ToList();
        Assert.All(mine, r => Assert.True(
            r.IsAccepted && r.Row == DecisionRow.Conventional && r.Decision == TrustDecision.ActWithCaution && r.ReportLevel is null,
            $"{r.Outcome} {r.Stage} {r.Reason} {r.Detail}"));
        Assert.Equal((fromTicket, others), (mine.Count, results.Count - mine.Count));
        Assert.All(results.Except(mine), r => Assert.Equal((ReceiveOutcome.Rejected, ReceiveReason.UnknownIssuer), (r.Outcome, r.Reason)));

        // vanetza names the signer both ways (TS 103 097 §7.1.1: the certificate about once a second); socktap always
        // sends the certificate.
        var kinds = mine.Select(r => r.Frame!.Security!.SignedData.Signer.Kind).ToHashSet();
        Assert.Equal(others == 0 ? [SignerKind.Certificate, SignerKind.Digest] : new HashSet<SignerKind> { SignerKind.Certificate }, kinds);
    }

    [Theory]
    [MemberData(nameof(KnownSignerCaptures))]
    public void At_the_capture_time_on_the_TAI_time_line_every_frame_is_five_seconds_old(string capture, int fromTicket, int others)
    {
        // IEEE 1609.2 §6.3.11: Time64 counts TAI microseconds since 2004-01-01; vanetza omits the 5 leap seconds.
        var frames = Frames(capture);
        var at = Ticket(capture, frames);
        using var receiver = KnownSigner(capture, frames);

        var results = RunAndSweep(receiver, frames, TimeSpan.Zero);

        var mine = results.Where(r => r.Signer == at.HashedId8).ToList();
        Assert.Equal((fromTicket, others), (mine.Count, results.Count - mine.Count));
        Assert.All(mine, r => Assert.True(r.Reason == ReceiveReason.Stale && r.Detail.Contains("generated 500", StringComparison.Ordinal), $"{r.Reason} {r.Detail}"));
        Assert.Equal(TimeSpan.FromSeconds(5), VanetzaLag(frames));
    }

    public static TheoryData<string, bool> ChainPolicies => new()
    {
        { "default policy: a chain hashed as sent is refused", false },
        { "explicit local policy: a chain hashed as sent is accepted", true },
    };

    [Theory]
    [MemberData(nameof(ChainPolicies))]
    public void Vanetzas_own_chain_is_accepted_only_under_the_explicit_policy(string name, bool acceptAsSent)
    {
        var frames = Frames("vanetza-cam.pcap");
        var aa = Certificate.Decode(Read("vanetza-aa.oer"));
        using var receiver = Receiver(Certificate.Decode(Read("vanetza-root.oer")), acceptAsSent, frames[0].Timestamp - VanetzaLag(frames));

        if (!acceptAsSent)
        {
            // The AA's signature verifies only over its encoding as sent (an uncompressed key, IEEE 1609.2 §6.4.3).
            var refused = Assert.Throws<TrustException>(() => receiver.Pipeline.AddCertificate(aa));
            Assert.Equal(TrustFailure.NotCanonical, refused.Failure);
            Assert.False(receiver.Pipeline.Trust.IsTrustedCa(aa.AsSentHashedId8));

            var refusedChain = RunAndSweep(receiver, frames, VanetzaLag(frames));

            Assert.Equal(frames.Count, refusedChain.Count);
            Assert.All(refusedChain, r => Assert.True(r.Outcome == ReceiveOutcome.Rejected && r.Reason is ReceiveReason.UnknownIssuer or ReceiveReason.UnknownSigner,
                $"{name}: {r.Outcome} {r.Reason} {r.Detail}"));
            Assert.Equal(0, receiver.Pipeline.Trust.SignerCount);
            return;
        }

        // The hash links are accepted under the policy: the AA is known by both hashes.
        receiver.Pipeline.AddCertificate(aa);
        Assert.True(receiver.Pipeline.Trust.IsTrustedCa(aa.AsSentHashedId8));

        // The ticket then fails on its own: PSID 0x1020407E in its appPermissions is not among the AA's
        // certIssuePermissions (IEEE 1609.2-2016 §5.1.2.4, what PkiProtocol's chain check demands of every PSID).
        var results = RunAndSweep(receiver, frames, VanetzaLag(frames));
        Assert.Equal(frames.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Outcome == ReceiveOutcome.Rejected && r.Reason is ReceiveReason.ChainInvalid or ReceiveReason.UnknownSigner,
            $"{name}: {r.Outcome} {r.Stage} {r.Reason} {r.Detail}"));
        Assert.Contains(results, r => r.Reason == ReceiveReason.ChainInvalid && r.Detail.Contains("0x1020407E", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChainPolicies))]
    public void A_chain_hashed_as_vanetza_hashes_it_is_accepted_only_under_the_explicit_policy(string name, bool acceptAsSent)
    {
        var chain = new AsSentChain();
        var now = chain.Now;
        using var receiver = Receiver(chain.Root, acceptAsSent, now);
        var frame = chain.Cam(now);

        if (!acceptAsSent)
        {
            var refused = Assert.Throws<TrustException>(() => receiver.Pipeline.AddCertificate(chain.Aa));
            Assert.Equal(TrustFailure.NotCanonical, refused.Failure);
            var result = RunAndSweep(receiver, [new PcapRecord(now, frame.Length, frame)], TimeSpan.Zero);
            Assert.Equal(ReceiveReason.UnknownIssuer, Assert.Single(result).Reason);
            return;
        }

        receiver.Pipeline.AddCertificate(chain.Aa);
        var accepted = receiver.Pipeline.Process(frame, "test");

        Assert.True(accepted.IsAccepted && accepted.Row == DecisionRow.Conventional && accepted.ChainHashedAsSent, $"{name}: {accepted.Reason} {accepted.Detail}");
        Assert.Equal(chain.Ticket.HashedId8, accepted.Signer);
    }

    public static TheoryData<bool> BothPolicies => [false, true];

    [Theory]
    [MemberData(nameof(BothPolicies))]
    public void The_naive_chain_is_rejected_under_every_policy(bool acceptAsSent)
    {
        // Its root's own signature does not verify (canonically or as sent): it cannot be a trust anchor.
        var naiveRoot = Certificate.Decode(Read("vanetza-naive-root.oer"));
        Assert.Throws<ArgumentException>(() => new TrustStore(naiveRoot, acceptAsSentHashing: acceptAsSent));

        // Under vanetza's root, its AA has no issuer here, and its frames never get a verified chain.
        var frames = Frames("vanetza-naive-cam.pcap");
        using var receiver = Receiver(Certificate.Decode(Read("vanetza-root.oer")), acceptAsSent, frames[0].Timestamp - VanetzaLag(frames));
        Assert.Throws<TrustException>(() => receiver.Pipeline.AddCertificate(Certificate.Decode(Read("vanetza-naive-aa.oer"))));

        var results = RunAndSweep(receiver, frames, VanetzaLag(frames));

        Assert.Equal(frames.Count, results.Count);
        Assert.All(results, r => Assert.Equal(ReceiveOutcome.Rejected, r.Outcome));
        Assert.Equal(0, receiver.Pipeline.Trust.SignerCount);
    }

    [Theory]
    [MemberData(nameof(BothPolicies))]
    public void A_foreign_frame_with_a_broken_signature_is_a_bad_signature_under_every_policy(bool acceptAsSent)
    {
        // vanetza's frame with its ticket known; and a frame of a chain hashed as vanetza hashes, accepted by policy.
        var frames = Frames("vanetza-cam.pcap");
        using var receiver = KnownSigner("vanetza-cam.pcap", frames);
        var first = frames[0].Data.ToArray();
        first[^1] ^= 0x01;
        receiver.Clock.SetUtcNow(frames[0].Timestamp - VanetzaLag(frames));
        var foreign = receiver.Pipeline.Process(first, "test");

        var chain = new AsSentChain();
        using var other = Receiver(chain.Root, acceptAsSent, chain.Now);
        if (acceptAsSent)
        {
            other.Pipeline.AddCertificate(chain.Aa);
        }
        else
        {
            other.Pipeline.Trust.AddSigner(new TrustedSigner([chain.Ticket]));
        }

        var cam = chain.Cam(chain.Now);
        cam[^1] ^= 0x01;
        var ours = other.Pipeline.Process(cam, "test");

        Assert.All(new[] { foreign, ours }, r => Assert.Equal((ReceiveOutcome.Rejected, ReceiveStage.Signature, ReceiveReason.BadSignature), (r.Outcome, r.Stage, r.Reason)));
    }

    // vanetza's Time64 lags the TAI time line by the leap seconds inserted since 2004 (5 s since 2017).
    private static TimeSpan VanetzaLag(List<PcapRecord> frames) => V2x.Time.LeapSeconds.InsertedSinceEpoch(frames[0].Timestamp);

    // vanetza-cam: its AT file; socktap: the AT its first certificate-bearing frame carries (not exported).
    private static Certificate Ticket(string capture, List<PcapRecord> frames) =>
        capture == "socktap-cam.pcap" ? FirstCarriedTicket(frames) : Certificate.Decode(Read("vanetza-at.oer"));

    private static ForeignReceiver KnownSigner(string capture, List<PcapRecord> frames)
    {
        var at = Ticket(capture, frames);
        var receiver = Receiver(Certificate.Decode(Read("vanetza-root.oer")), acceptAsSent: false, frames[0].Timestamp - VanetzaLag(frames));
        receiver.Pipeline.Trust.AddSigner(new TrustedSigner([at]));
        return receiver;
    }

    private static byte[] Read(string file) => File.ReadAllBytes(TestInfra.Vector(Source, file));

    private static List<PcapRecord> Frames(string capture)
    {
        using var stream = File.OpenRead(TestInfra.Vector(Source, capture));
        using var reader = new PcapReader(stream);
        var list = new List<PcapRecord>();
        while (reader.TryRead(out var record))
        {
            list.Add(record);
        }

        return list;
    }

    private static Certificate FirstCarriedTicket(List<PcapRecord> frames)
    {
        foreach (var frame in frames)
        {
            // Ethernet II (14) and the GeoNetworking Basic Header (4) precede the secured packet.
            var data = Ieee1609Dot2Data.Decode(frame.Data[18..]);
            if (data.SignedData?.Signer is { Kind: SignerKind.Certificate } signer)
            {
                return signer.Certificates[0];
            }
        }

        throw new InvalidOperationException("no certificate-bearing frame");
    }

    // The foreign PKI publishes no CRLs to this receiver: revocation cannot be current, so the test says so
    // (RequireCurrentCrls off), as a deployment accepting a foreign PKI would have to.
    private static ForeignReceiver Receiver(Certificate root, bool acceptAsSent, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var pipeline = new ReceivePipeline(new ReceiverOptions
        {
            Trust = new TrustStore(root, acceptAsSentHashing: acceptAsSent),
            Clock = clock,
            RequireCurrentCrls = false,
            Name = "receiver",
        });
        return new ForeignReceiver(pipeline, clock);
    }

    // Each frame at its capture time less `lag`, as a receiver on that channel (and that time line) would have taken it.
    private static List<ReceiveResult> Run(ForeignReceiver receiver, List<PcapRecord> frames, TimeSpan lag)
    {
        var results = new List<ReceiveResult>();
        foreach (var frame in frames)
        {
            receiver.Clock.SetUtcNow(frame.Timestamp - lag);
            results.Add(receiver.Pipeline.Process(frame.Data, "capture"));
        }

        return results;
    }

    // As Run, then past every certificate wait: the final decision of every frame.
    private static List<ReceiveResult> RunAndSweep(ForeignReceiver receiver, List<PcapRecord> frames, TimeSpan lag)
    {
        var decided = new List<ReceiveResult>();
        receiver.Pipeline.Decided += r =>
        {
            if (r.Outcome != ReceiveOutcome.Deferred)
            {
                decided.Add(r);
            }
        };
        Run(receiver, frames, lag);
        receiver.Clock.Advance(receiver.Pipeline.Options.CertificateWait + TimeSpan.FromMilliseconds(1));
        receiver.Pipeline.Sweep();
        Assert.Equal(0, receiver.Pipeline.WaitingCount);
        return decided;
    }

    private sealed class ForeignReceiver(ReceivePipeline pipeline, FakeTimeProvider clock) : IDisposable
    {
        public ReceivePipeline Pipeline { get; } = pipeline;

        public FakeTimeProvider Clock { get; } = clock;

        public void Dispose()
        {
            Pipeline.Dispose();
            Pipeline.Trust.Dispose();
        }
    }
}
