using System.Globalization;
using System.Text;
using Firmware.SecurePartition.Policy;
using V2x.Integrity;
using Xunit.Abstractions;

namespace Bench.Tests.Interop;

/// <summary>
/// The legacy-receiver conformance harness (<see cref="LegacyReceiver"/>: an independent model of a deployed stack)
/// over every frame the bench produces in every carrier mode and sending option (<see cref="BenchCorpus"/>). In the
/// facilities carrier it accepts every frame a station sent (and, having no replay protection, the exact replays);
/// in the HeaderInfo carrier it accepts none that carries the report. The table is Docs/interop.md §2.
/// </summary>
[Collection(BenchCorpusCollection.Name)]
public sealed class LegacyConformanceTests
{
    private readonly BenchCorpusFixture _corpus;
    private readonly ITestOutputHelper _output;

    public LegacyConformanceTests(BenchCorpusFixture corpus, ITestOutputHelper output)
    {
        _corpus = corpus;
        _output = output;
    }

    public static TheoryData<SendingPolicy> Policies => [.. Enum.GetValues<SendingPolicy>()];

    [Theory]
    [MemberData(nameof(Policies))]
    public void In_the_facilities_carrier_the_legacy_receiver_accepts_every_frame_a_station_sent(SendingPolicy policy)
    {
        var results = Run(_corpus.Corpus(ReportCarrier.Facilities, policy));

        var sent = results.Where(r => r.Frame.Sender is not CorpusSender.AlteredReplay).ToList();
        Assert.All(sent, r => Assert.True(r.Result.Verdict == LegacyVerdict.Accepted, $"{r.Frame.Index} {r.Frame.Category}: {r.Result.Verdict} {r.Result.Detail}"));
        Assert.Contains(sent, r => r.Frame.CarriesReport);

        // A changed counter is a changed signed octet: the model rejects the altered replays on their signature.
        Assert.All(results.Where(r => r.Frame.Sender == CorpusSender.AlteredReplay), r => Assert.Equal(LegacyVerdict.BadSignature, r.Result.Verdict));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void In_the_HeaderInfo_carrier_the_legacy_receiver_accepts_no_frame_that_carries_the_report(SendingPolicy policy)
    {
        var results = Run(_corpus.Corpus(ReportCarrier.HeaderInfo, policy));

        Assert.All(results.Where(r => r.Frame.CarriesReport), r => Assert.True(
            r.Result.Verdict is LegacyVerdict.Undecodable or LegacyVerdict.BadSignature or LegacyVerdict.UnknownSigner, $"{r.Frame.Category}: {r.Result.Verdict}"));
        Assert.Contains(results, r => r.Frame.CarriesReport && r.Frame.Sender != CorpusSender.AlteredReplay);
        Assert.All(results.Where(r => !r.Frame.CarriesReport), r => Assert.True(r.Result.Verdict == LegacyVerdict.Accepted, $"{r.Frame.Category}: {r.Result.Verdict} {r.Result.Detail}"));
    }

    [Fact]
    public void With_the_skip_repaired_the_HeaderInfo_carrier_still_fails_on_the_re_encoded_signature()
    {
        // The stack's second behaviour: ToBeSignedData re-encoded from what was decoded loses the unknown addition.
        var receiver = new LegacyReceiver([_corpus.Root], [_corpus.Aa], skipRepaired: true);
        var results = _corpus.Corpus(ReportCarrier.HeaderInfo, SendingPolicy.AlwaysInclude).Frames.Select(f => (Frame: f, Result: receiver.Receive(f.Frame))).ToList();

        Assert.All(results.Where(r => r.Frame.CarriesReport), r => Assert.True(
            r.Result.Verdict is LegacyVerdict.BadSignature or LegacyVerdict.UnknownSigner, $"{r.Frame.Category}: {r.Result.Verdict} {r.Result.Detail}"));
        Assert.Contains(results, r => r.Frame.CarriesReport && r.Result.Detail.Contains("lost in the re-encoding", StringComparison.Ordinal));
        Assert.All(results.Where(r => !r.Frame.CarriesReport), r => Assert.Equal(LegacyVerdict.Accepted, r.Result.Verdict));
    }

    [Fact]
    public void The_table_of_what_the_legacy_receiver_accepts()
    {
        var table = new StringBuilder();
        table.AppendLine("| carrier | option | frames | accepted by the legacy receiver model | not accepted (verdict × frames) |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var corpus in _corpus.Corpora)
        {
            foreach (var group in Run(corpus).GroupBy(r => r.Frame.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var accepted = group.Count(r => r.Result.Verdict == LegacyVerdict.Accepted);
                var refused = string.Join(", ", group.Where(r => r.Result.Verdict != LegacyVerdict.Accepted).GroupBy(r => r.Result.Verdict)
                    .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} × {v.Count()}")));
                table.AppendLine(CultureInfo.InvariantCulture, $"| {corpus.Carrier} | {(int)corpus.Policy} | {group.Key} | {accepted} of {group.Count()} | {(refused.Length == 0 ? "–" : refused)} |");
            }
        }

        _output.WriteLine(table.ToString());
        Assert.Equal(6, _corpus.Corpora.Count);
    }

    private List<(CorpusFrame Frame, LegacyResult Result)> Run(BenchCorpus corpus)
    {
        var receiver = new LegacyReceiver([_corpus.Root], [_corpus.Aa]);
        return [.. corpus.Frames.Select(f => (f, receiver.Receive(f.Frame)))];
    }
}
