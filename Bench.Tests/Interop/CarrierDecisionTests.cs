using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.SecurePartition.Policy;
using Firmware.Application.Trust;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security.Certificates;

namespace Bench.Tests.Interop;

/// <summary>
/// The product's receive pipeline over the bench corpus (<see cref="BenchCorpus"/>): the same script recorded in
/// either carrier of the report gets the same decision frame by frame (outcome, decision-table row, decision,
/// reason), for every sending option; and the decisions are the ones Docs/trust-decisions.md gives each sender.
/// </summary>
[Collection(BenchCorpusCollection.Name)]
public sealed class CarrierDecisionTests
{
    private readonly BenchCorpusFixture _corpus;

    public CarrierDecisionTests(BenchCorpusFixture corpus)
    {
        _corpus = corpus;
    }

    public static TheoryData<SendingPolicy> Policies => [.. Enum.GetValues<SendingPolicy>()];

    [Theory]
    [MemberData(nameof(Policies))]
    public void The_receiver_decides_alike_in_either_carrier(SendingPolicy policy)
    {
        var facilitiesCorpus = _corpus.Corpus(ReportCarrier.Facilities, policy);
        var headerCorpus = _corpus.Corpus(ReportCarrier.HeaderInfo, policy);
        var facilities = Decide(facilitiesCorpus);
        var header = Decide(headerCorpus);

        Assert.True(header.Count == facilities.Count,
            $"HeaderInfo {header.Count} frames, facilities {facilities.Count}; {RecordingDifference(facilitiesCorpus, headerCorpus)}");
        for (var i = 0; i < facilities.Count; i++)
        {
            Assert.True(facilities[i] == header[i], $"frame {i}: facilities {facilities[i]}, HeaderInfo {header[i]}; {RecordingDifference(facilitiesCorpus, headerCorpus)}");
        }
    }

    // Which originals one mode's recording has and the other's lacks (station, sender, message, time in the script):
    // the recordings are meant to be alike, so this names where one went another way.
    private static string RecordingDifference(BenchCorpus facilities, BenchCorpus header)
    {
        static List<string> Originals(BenchCorpus c) =>
            [.. c.Frames.Where(f => f.Sender is not (CorpusSender.ExactReplay or CorpusSender.AlteredReplay)).Select(c.ScriptKey)];

        static string Only(List<string> mine, List<string> theirs)
        {
            var left = mine.ToList();
            foreach (var key in theirs)
            {
                left.Remove(key);
            }

            return left.Count == 0 ? "none" : $"{left.Count}: {string.Join(", ", left.Take(12))}{(left.Count > 12 ? ", ..." : "")}";
        }

        var f = Originals(facilities);
        var h = Originals(header);
        return $"originals only in facilities {Only(f, h)}; only in HeaderInfo {Only(h, f)}";
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Each_sender_gets_its_row_and_every_replay_is_rejected(SendingPolicy policy)
    {
        foreach (var carrier in new[] { ReportCarrier.Facilities, ReportCarrier.HeaderInfo })
        {
            foreach (var d in Decide(_corpus.Corpus(carrier, policy)))
            {
                var expected = d.Category switch
                {
                    _ when d.Category.StartsWith("ExactReplay", StringComparison.Ordinal) || d.Category.StartsWith("AlteredReplay", StringComparison.Ordinal) =>
                        (ReceiveOutcome.Rejected, (DecisionRow?)null, TrustDecision.Discard),
                    "CleanObu CAM + report" or "CleanObu DENM + report" => (ReceiveOutcome.Accepted, DecisionRow.AssuredNoAnomaly, TrustDecision.Act),
                    "CleanObu CAM" or "TamperedObu CAM" => (ReceiveOutcome.Accepted, DecisionRow.AssuredReportNotCarried, TrustDecision.ActWithCaution),
                    "TamperedObu CAM + report" or "TamperedObu DENM + report" => (ReceiveOutcome.Accepted, DecisionRow.AssuredHighAnomaly, TrustDecision.PrepareOnly),
                    "Legacy CAM" or "Legacy DENM" => (ReceiveOutcome.Accepted, DecisionRow.Conventional, TrustDecision.ActWithCaution),
                    _ => throw new InvalidOperationException(d.Category),
                };
                Assert.True(expected == (d.Outcome, d.Row, d.Decision), $"{carrier} option {(int)policy}, {d}");
            }
        }
    }

    private List<Decided> Decide(BenchCorpus corpus)
    {
        var clock = new FakeTimeProvider(corpus.Frames[0].SentAt);
        var decided = new Dictionary<int, ReceiveResult>();
        using var pipeline = new ReceivePipeline(new ReceiverOptions
        {
            Trust = new TrustStore(Certificate.Decode(_corpus.Root)),
            Clock = clock,

            // The corpus carries no CRL traffic; revocation is not what is compared here.
            RequireCurrentCrls = false,
            Name = $"receiver-{corpus.Carrier}-{(int)corpus.Policy}",
        });
        pipeline.AddCertificate(Certificate.Decode(_corpus.Aa));
        pipeline.Decided += r =>
        {
            if (r.Outcome != ReceiveOutcome.Deferred)
            {
                decided[int.Parse(r.Source, System.Globalization.CultureInfo.InvariantCulture)] = r;
            }
        };
        foreach (var frame in corpus.Frames)
        {
            if (frame.SentAt > clock.GetUtcNow())
            {
                clock.SetUtcNow(frame.SentAt);
            }

            pipeline.Process(frame.Frame, frame.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        pipeline.Trust.Dispose();
        return [.. corpus.Frames.Select(f => decided.TryGetValue(f.Index, out var r)
            ? new Decided(f.Category, r.Outcome, r.Row, r.Decision, r.Reason)
            : new Decided(f.Category, ReceiveOutcome.Deferred, null, null, ReceiveReason.AwaitingCertificate))];
    }

    private sealed record Decided(string Category, ReceiveOutcome Outcome, DecisionRow? Row, TrustDecision? Decision, ReceiveReason Reason);
}
