using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace Bench.Report;

/// <summary>The SUMO run report's page: self-contained as the demo's (<see cref="RunReportHtml"/>), with the receivers' load and the CPU per OBU.</summary>
public static class SumoReportHtml
{
    /// <summary>The HTML text.</summary>
    public static string Write(SumoReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = data.Summary;
        var b = new StringBuilder();
        DriveReportHtml.Head(b, $"Bench SUMO report: {Path.GetFileName(s.Scenario)}, {s.Obus.Count} OBUs");
        b.Append(CultureInfo.InvariantCulture,
            $"<p>{(s.Passed ? "Every expectation held" : "An expectation FAILED")}: {s.Expectations.Count(e => e.Passed)} of {s.Expectations.Count}. ")
            .Append(CultureInfo.InvariantCulture, $"{s.SimulatedSeconds:0.#} s simulated in {s.WallSeconds:0.#} s (pacing {s.Pacing}); {s.VehiclesJoined} vehicles, ")
            .Append(CultureInfo.InvariantCulture, $"{s.Obus.Count} OBUs, at most {s.MostObusAtOnce} at once; ").Append(E(s.Radio)).Append(". The figures are in report.json.</p>\n");
        if (s.Cpu is { } processCpu)
        {
            b.Append("<p>The bench process (every OBU, the PKI service, sumo's client): ").Append(E(processCpu.Render()))
                .Append(CultureInfo.InvariantCulture, $"; worst lag behind the wall clock {s.MaxLagSeconds:0.00} s.</p>\n");
        }

        b.Append("<table><tr><th>expectation</th><th>held</th><th>detail</th></tr>\n");
        foreach (var e in s.Expectations)
        {
            b.Append("<tr><td>").Append(E(e.Name)).Append("</td><td>").Append(e.Passed ? "yes" : "NO").Append("</td><td>").Append(E(e.Detail)).Append("</td></tr>\n");
        }

        b.Append("</table>\n");
        if (s.Attacks.Count > 0)
        {
            // Each attack's figures (Bench/Attacks: detection delays, frames refused, the floods' load at the receivers in range), as the summary prints them.
            b.Append("<h2>Attacks</h2>\n<ul>\n");
            foreach (var a in s.Attacks)
            {
                b.Append("<li>").Append(E(Attacks.SumoAttackText.Line(a))).Append("</li>\n");
            }

            b.Append("</ul>\n");
        }

        DriveReportHtml.Image(b, "Receivers' load", Load(data));
        b.Append("<p>").Append(E(SumoReport.LoadLine(data))).Append("</p>\n");
        b.Append("<table><tr><th>receiver</th><th>seconds on the air</th><th>heard per second</th><th>busiest second</th><th>verified per second</th><th>busiest second</th><th>CPU (s)</th></tr>\n");
        var cpu = data.Cpu.ToDictionary(c => c.Obu, StringComparer.Ordinal);
        foreach (var r in data.Receivers)
        {
            b.Append("<tr><td>").Append(E(r.Receiver)).Append(CultureInfo.InvariantCulture,
                $"</td><td>{r.Seconds}</td><td>{r.HeardPerSecond:0.0}</td><td>{r.PeakHeard}</td><td>{r.VerifiedPerSecond:0.0}</td><td>{r.PeakVerified}</td><td>{(cpu.TryGetValue(r.Receiver, out var c) ? c.CpuSeconds : 0):0.000}</td></tr>\n");
        }

        b.Append("</table>\n");
        DriveReportHtml.Image(b, "CPU per OBU", RunReportPlots.Cpu(data.Cpu, "CPU time of each OBU's work over its time in the run"));
        b.Append("<p>").Append(E(data.CpuNote)).Append("</p>\n</body></html>\n");
        return b.ToString();
    }

    /// <summary>Frames heard and signatures verified per second at the receivers on the air: the mean and the busiest receiver, each second.</summary>
    public static byte[] Load(SumoReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var seconds = data.Load.GroupBy(l => l.Second).OrderBy(g => g.Key).ToList();
        var x = seconds.Select(g => g.Key + 0.5).ToArray();
        foreach (var (label, values, colour) in new[]
                 {
                     ("heard, mean of the receivers", seconds.Select(g => g.Average(l => (double)l.Heard)).ToArray(), "#1f77b4"),
                     ("heard, busiest receiver", seconds.Select(g => (double)g.Max(l => l.Heard)).ToArray(), "#aec7e8"),
                     ("verified, mean of the receivers", seconds.Select(g => g.Average(l => (double)l.Verified)).ToArray(), DriveReportPlots.Colours["Act"]),
                     ("verified, busiest receiver", seconds.Select(g => (double)g.Max(l => l.Verified)).ToArray(), "#98df8a"),
                 })
        {
            var line = plot.Add.Scatter(x, values, Color.FromHex(colour));
            line.LegendText = label;
            line.MarkerSize = 3;
            // Heard is drawn wide under verified: where every frame heard was verified, the two lines coincide.
            line.LineWidth = label.StartsWith("heard", StringComparison.Ordinal) ? 6 : 1.5f;
        }

        plot.Title("Receivers' load: frames heard and signatures verified per receiver per second");
        plot.XLabel("seconds of simulation");
        plot.YLabel("per second");
        plot.ShowLegend();
        return plot.GetImageBytes(900, 420, ImageFormat.Png);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
