using Bench.Live;
using Bench.Mobility;
using Bench.Report;
using Bench.Reporting;
using Bench.Tests.Live;

namespace Bench.Tests.Report;

/// <summary>
/// The SUMO run report's figures from a hand-made run: frames heard per receiver per second are the receiver's decisions
/// in that second (its own frames not counted), verifications per second are the differences of the once-a-second
/// samples, and each receiver's mean and busiest second follow.
/// </summary>
public sealed class SumoReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_receivers_load_per_second_comes_from_their_decisions_and_verification_counters()
    {
        var summary = new SumoRunSummary("motorway.sumocfg", "SUMO", 3, 3, 1, 0, 30, 2, 0, 2, 2,
            [new SumoObuFigures("obu-1", "veh.0", T0, T0, null, 30, 4, 1, 1, null), new SumoObuFigures("obu-2", "veh.1", T0, T0, null, 30, 2, 0, 1, null)], "range: off", []);
        LedgerEntry[] entries =
        [
            TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(0.2)),
            TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(0.7)),
            TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, TrustView.Rejected, T0.AddSeconds(0.9)),
            TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(2.5)),
            TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(2.6)),
            TrustViewTests.Entry("obu-2", "obu-1", SenderKind.Obu, "Act", T0.AddSeconds(1.1)),
            TrustViewTests.Entry("obu-2", "obu-1", SenderKind.Obu, "Act", T0.AddSeconds(2.1)),
            TrustViewTests.Entry("obu-2", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(2.2)),
        ];
        LoadSample[] samples = [new(1, "obu-1", 2), new(2, "obu-1", 2), new(3, "obu-1", 4), new(1, "obu-2", 0), new(2, "obu-2", 1), new(3, "obu-2", 2)];

        var data = SumoReport.Build(summary, T0, entries, samples, []);

        Assert.Equal(
        [
            new ReceiverSecond("obu-1", 0, 3, 2, 2), new ReceiverSecond("obu-1", 1, 0, 0, 0), new ReceiverSecond("obu-1", 2, 2, 2, 2),
            new ReceiverSecond("obu-2", 0, 0, 0, 0), new ReceiverSecond("obu-2", 1, 1, 1, 1), new ReceiverSecond("obu-2", 2, 1, 1, 1),
        ], data.Load);
        Assert.Equal([new ReceiverLoad("obu-1", 3, 1.67, 3, 1.33, 2), new ReceiverLoad("obu-2", 3, 0.67, 1, 0.67, 1)], data.Receivers);
        Assert.Contains("heard mean 1.2/s, busiest 3/s; signatures verified mean 1.0/s, busiest 2/s", SumoReport.LoadLine(data), StringComparison.Ordinal);
        Assert.Contains("<img", SumoReportHtml.Write(data), StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Attacks</h2>", SumoReportHtml.Write(data), StringComparison.Ordinal);

        // With attacks, each one's figures as the summary prints them (a flood's load at the receivers in its range).
        var flood = new Bench.Attacks.SumoAttackFigures("valid-ticket-flood", "veh.2", "flooder-valid", 1, 2,
            Flood: new Bench.Attacks.SumoFloodFigures(20, 40, 2, 80, 0, 0, 90, 6, 6, 3.5, 0, 4, 100));
        var page = SumoReportHtml.Write(data with { Summary = summary with { Attacks = [flood] } });
        Assert.Contains("<h2>Attacks</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<li>attack valid-ticket-flood (vehicle veh.2, flooder-valid, from 1.0 s): 40 frames sent at 20/s; 2 receivers reached, 80 decided, 0 accepted verified, 0 unverified; their ECDSA verifications 90; genuine frames 6 of 6 (100.0 %) within 100 ms, p99 3.5 ms; replays accepted 0; peak receive queue 4</li>",
            page, StringComparison.Ordinal);
    }
}
