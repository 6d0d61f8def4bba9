using System.Text.Json;
using Bench.Reporting;

namespace Bench.Report;

/// <summary>
/// The report at the end of every demo run (issue 15 item 5), beside the summary: <c>OUT/report.html</c>, one
/// self-contained page whose plots ScottPlot draws (<see cref="RunReportPlots"/>, as the drive report's), and
/// <c>OUT/report.json</c>, the figures behind them: decisions over time per sender, the detection delay at each
/// receiver, the decision rates, what each station sent, the CPU time of each OBU (measured per thread:
/// <see cref="ObuCpu"/>), and the attack frames' fate (replays: sent, arrived, rejected, accepted at each receiver;
/// any other attacker kind in the ledger, such as a flood, the same way). The terminal summary stays.
/// </summary>
public static class RunReport
{
    /// <summary>Builds the figures from the summary and the run's decisions.</summary>
    /// <param name="summary">The run's summary.</param>
    /// <param name="entries">Every decision of the run.</param>
    /// <param name="cpu">The OBUs' CPU accounts (none: no CPU figures).</param>
    public static RunReportData Build(DemoSummary summary, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<ObuCpu>? cpu = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(entries);
        var run = summary.Run;
        var duration = Math.Max(1e-3, (run.EndedAt - run.StartedAt).TotalSeconds);
        var inRun = entries.Where(e => e.DecidedAt >= run.StartedAt && e.DecidedAt < run.EndedAt).ToList();
        var bySecond = inRun.GroupBy(e => (int)Math.Floor((e.DecidedAt - run.StartedAt).TotalSeconds));
        var decisions = inRun.GroupBy(e => (Sender: LiveTable.SenderLabel(e.Sender, e.Kind), Second: (int)Math.Floor((e.DecidedAt - run.StartedAt).TotalSeconds), Outcome: Outcome(e)))
            .OrderBy(g => g.Key.Sender, StringComparer.Ordinal).ThenBy(g => g.Key.Second).ThenBy(g => g.Key.Outcome, StringComparer.Ordinal)
            .Select(g => new SenderSecond(g.Key.Sender, g.Key.Second, g.Key.Outcome, g.Count())).ToList();
        var rates = Enumerable.Range(0, (int)Math.Ceiling(duration)).Select(s =>
        {
            var second = inRun.Where(e => (int)Math.Floor((e.DecidedAt - run.StartedAt).TotalSeconds) == s).ToList();
            return new RateSecond(s, second.Count, second.Count(e => e.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Accepted),
                second.Count(e => e.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Rejected));
        }).ToList();
        var sent = summary.Sent.Select(s => new StationRate(s.Station, s.Transmitted, s.Withheld, Math.Round(s.Transmitted / duration, 2))).ToList();
        var attacks = AttackOutcome.From(entries, kind => kind switch
        {
            SenderKind.ExactReplay => summary.Replays.ExactSent,
            SenderKind.AlteredReplay => summary.Replays.AlteredSent,
            SenderKind.Ghost => summary.Ghost?.Sent,
            _ => null,
        });
        var obuCpu = (cpu ?? []).Select(a => ObuCpuFigure.Of(a, duration)).ToList();
        return new RunReportData(run, summary.Passed, summary.Expectations, decisions, summary.Detection, rates, sent, summary.Replays.AtReceivers, obuCpu, attacks)
        {
            Model = summary.Model,
        };
    }

    /// <summary>Writes report.html and report.json into the run's output folder; returns the HTML file's path.</summary>
    public static string Write(DemoSummary summary, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<ObuCpu>? cpu = null)
    {
        var data = Build(summary, entries, cpu);
        var folder = summary.Run.OutputDirectory;
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(data, SummaryJson.Indented));
        var html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, RunReportHtml.Write(data));
        return html;
    }

    /// <summary>A decision's class, as the drive report's colours name it: the trust decision, or Rejected.</summary>
    public static string Outcome(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Accepted ? entry.Decision.ToString() : "Rejected";
    }
}
