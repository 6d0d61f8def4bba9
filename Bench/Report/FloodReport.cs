using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bench.Flood;
using Bench.Reporting;
using Firmware.Application.Receiving;
using ScottPlot;

namespace Bench.Report;

/// <summary>
/// The flood bench's report (<c>Bench flood --out DIR</c>): <c>DIR/report.json</c> with, per verify-on-demand mode,
/// the frames of each kind sent and what the receiver did with them (decided, accepted, rejected by reason), the
/// genuine frames' timeliness and the security verdict; and <c>DIR/report.html</c>, self-contained as the run report
/// (<see cref="RunReportHtml"/>), with one ScottPlot plot per mode. The terminal figures stay.
/// </summary>
internal static class FloodReport
{
    /// <summary>The outcomes of one run by kind, from its figures.</summary>
    public static IReadOnlyList<FloodOutcome> Outcomes(FloodFigures run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Enum.GetValues<FloodKind>().Select(kind =>
        {
            var decisions = run.Decisions.Where(kv => kv.Key.Kind == kind).ToList();
            var accepted = decisions.Where(kv => kv.Key.Reason == ReceiveReason.None).Sum(kv => kv.Value);
            var decided = decisions.Sum(kv => kv.Value);
            return new FloodOutcome(kind.ToString(), run.Sent.GetValueOrDefault(kind), decided, accepted, decided - accepted,
                decisions.OrderByDescending(kv => kv.Value).ToDictionary(kv => kv.Key.Reason.ToString(), kv => kv.Value, StringComparer.Ordinal));
        }).Where(o => o.Sent > 0 || o.Decided > 0).ToList();
    }

    /// <summary>Writes report.json and report.html into <paramref name="folder"/> (created); returns the HTML file's path.</summary>
    public static string Write(IReadOnlyList<FloodFigures> runs, string folder)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Directory.CreateDirectory(folder);
        var data = runs.Select(r => new
        {
            mode = r.Mode.ToString(),
            workers = r.Workers,
            framesSent = r.FramesSent,
            outcomes = Outcomes(r),
            genuineMeasured = r.GenuineMeasured,
            genuineInTimeShare = Math.Round(r.InTimeShare, 4),
            deadlineMs = r.DeadlineMs,
            replaysAccepted = r.ReplaysAccepted,
            attacksAcceptedVerified = r.AttacksAcceptedVerified,
            attacksAcceptedUnverified = r.AttacksAcceptedUnverified,
            secure = r.Secure,
            cpuSeconds = Math.Round(r.CpuSeconds, 3),
            wallSeconds = Math.Round(r.WallSeconds, 3),
            loadBefore = r.LoadBefore,
            loadAfter = r.LoadAfter,
        }).ToList();
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(new { runs = data }, SummaryJson.Indented));

        var b = new StringBuilder();
        DriveReportHtml.Head(b, "Bench flood report");
        foreach (var r in runs)
        {
            var outcomes = Outcomes(r);
            b.Append(CultureInfo.InvariantCulture, $"<h2>verify-on-demand {r.Mode}, {r.Workers} receive worker(s)</h2>\n<p>")
                .Append(CultureInfo.InvariantCulture, $"{(r.Secure ? "Secure" : "NOT SECURE")}: {r.ReplaysAccepted} replays accepted, {r.AttacksAcceptedVerified} attack frames accepted after verification; ")
                .Append(CultureInfo.InvariantCulture, $"genuine frames accepted within {r.DeadlineMs:0} ms: {r.InTimeShare:P1} of {r.GenuineMeasured}; CPU {r.CpuSeconds:0.0} s over {r.WallSeconds:0.0} s; ")
                .Append("load average before ").Append(E(r.LoadBefore)).Append(", after ").Append(E(r.LoadAfter)).Append(".</p>\n");
            DriveReportHtml.Image(b, $"Flood outcomes ({r.Mode})", Plot(outcomes, $"What the receiver did with each kind of frame (verify-on-demand {r.Mode})"));
            b.Append("<table><tr><th>kind</th><th>sent</th><th>decided</th><th>accepted</th><th>rejected</th><th>decisions by reason</th></tr>\n");
            foreach (var o in outcomes)
            {
                b.Append("<tr><td>").Append(E(o.Kind)).Append(CultureInfo.InvariantCulture, $"</td><td>{o.Sent}</td><td>{o.Decided}</td><td>{o.Accepted}</td><td>{o.Rejected}</td><td>")
                    .Append(E(string.Join(", ", o.Reasons.Select(kv => $"{(kv.Key == nameof(ReceiveReason.None) ? "accepted" : kv.Key)} {kv.Value}")))).Append("</td></tr>\n");
            }

            b.Append("</table>\n");
        }

        b.Append("</body></html>\n");
        var html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, b.ToString());
        return html;
    }

    /// <summary>Per kind: accepted (green) and rejected (purple) stacked, with a mark at what was sent (sent above decided: shed or undecided).</summary>
    public static byte[] Plot(IReadOnlyList<FloodOutcome> outcomes, string title)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var plot = new Plot();
        for (var i = 0; i < outcomes.Count; i++)
        {
            plot.Add.Bar(new Bar { Position = i, Value = outcomes[i].Accepted, FillColor = Color.FromHex(DriveReportPlots.Colours["Act"]) });
            plot.Add.Bar(new Bar { Position = i, ValueBase = outcomes[i].Accepted, Value = outcomes[i].Decided, FillColor = Color.FromHex(DriveReportPlots.Colours["Rejected"]) });
        }

        var sent = plot.Add.ScatterPoints(outcomes.Select((_, i) => (double)i).ToArray(), outcomes.Select(o => (double)o.Sent).ToArray(), Color.FromHex("#263238"));
        sent.MarkerShape = MarkerShape.HorizontalBar;
        sent.MarkerSize = 18;
        sent.LegendText = "sent";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(outcomes.Select((_, i) => (double)i).ToArray(), outcomes.Select(o => o.Kind).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel("frames (green: accepted, purple: rejected)");
        plot.ShowLegend();
        return plot.GetImageBytes(900, 420, ImageFormat.Png);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
