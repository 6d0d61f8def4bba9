using Bench.Reporting;
using ScottPlot;

namespace Bench.Report;

/// <summary>The run report's plots, rendered to PNG with ScottPlot 5, in the drive report's colours (<see cref="DriveReportPlots.Colours"/>).</summary>
public static class RunReportPlots
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>Decisions per sender over the run, one mark per sender, second and outcome (all receivers together).</summary>
    public static byte[] DecisionsOverTime(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DriveReportPlots.DecisionsOverTime(data.DecisionsOverTime.Select(d => (d.Second + 0.5, d.Sender, d.Outcome)).ToList(),
            "Decisions per sender over the run (every receiver)", "seconds since the run started", "sender");
    }

    /// <summary>The detection delay at each receiver, sorted (the delays' distribution), under the detection period.</summary>
    public static byte[] DetectionDelays(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var delays = data.Detection.Where(d => d.DelayMs is not null).OrderBy(d => d.DelayMs).ToList();
        for (var i = 0; i < delays.Count; i++)
        {
            plot.Add.Bar(new Bar { Position = i, Value = delays[i].DelayMs!.Value, FillColor = Color.FromHex(DriveReportPlots.Colours["PrepareOnly"]) });
        }

        var period = plot.Add.HorizontalLine(data.Run.DetectionPeriodSeconds * 1000);
        period.LegendText = $"detection period ({data.Run.DetectionPeriodSeconds:0.#} s)";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(delays.Select((_, i) => (double)i).ToArray(), delays.Select(d => d.Receiver).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(data.Run.DetectionPeriodSeconds * 1000 * 1.15, delays.Select(d => d.DelayMs!.Value).DefaultIfEmpty(0).Max() * 1.15));
        plot.Title($"Detection delay at each receiver: the tamper of {data.Run.TamperedObu} → its first decision that does not act");
        plot.XLabel("receiver (sorted by delay)");
        plot.YLabel("delay (ms)");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Decisions per second over the run at every receiver together: all, accepted (verified), rejected.</summary>
    public static byte[] Rates(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var seconds = data.Rates.Select(r => r.Second + 0.5).ToArray();
        foreach (var (label, values, colour) in new[]
                 {
                     ("decided", data.Rates.Select(r => (double)r.Decided).ToArray(), "#1f77b4"),
                     ("accepted", data.Rates.Select(r => (double)r.Accepted).ToArray(), DriveReportPlots.Colours["Act"]),
                     ("rejected", data.Rates.Select(r => (double)r.Rejected).ToArray(), DriveReportPlots.Colours["Rejected"]),
                 })
        {
            var line = plot.Add.Scatter(seconds, values, Color.FromHex(colour));
            line.LegendText = label;
            line.MarkerSize = 4;
        }

        var tamper = plot.Add.VerticalLine((data.Run.TamperedAt - data.Run.StartedAt).TotalSeconds);
        tamper.LegendText = "tamper";
        plot.Title("Decision rate at every receiver together");
        plot.XLabel("seconds since the run started");
        plot.YLabel("decisions per second");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// The attack frames at each receiver, by kind (replays; a flood when the run has one): rejected and accepted as
    /// stacked bars, and a mark at what the attacker sent where the run counts it (sent above arrived: lost on the way).
    /// </summary>
    public static byte[] Attacks(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var rows = data.Attacks;
        for (var i = 0; i < rows.Count; i++)
        {
            plot.Add.Bar(new Bar { Position = i, Value = rows[i].Rejected, FillColor = Color.FromHex(DriveReportPlots.Colours["Rejected"]) });
            plot.Add.Bar(new Bar { Position = i, ValueBase = rows[i].Rejected, Value = rows[i].Rejected + rows[i].Accepted, FillColor = Color.FromHex(DriveReportPlots.Colours["Discard"]) });
        }

        var sent = rows.Select((r, i) => (r, i)).Where(x => x.r.Sent is not null).ToList();
        if (sent.Count > 0)
        {
            var marks = plot.Add.ScatterPoints(sent.Select(x => (double)x.i).ToArray(), sent.Select(x => (double)x.r.Sent!.Value).ToArray(), Color.FromHex("#263238"));
            marks.MarkerShape = MarkerShape.HorizontalBar;
            marks.MarkerSize = 18;
            marks.LegendText = "sent by the attacker";
            plot.ShowLegend();
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rows.Select((_, i) => (double)i).ToArray(),
            rows.Select(r => $"{r.Receiver}\n{LiveTable.SenderLabel("attacker", r.Kind)}").ToArray());
        plot.Title($"Attack frames at each receiver: {rows.Sum(r => r.Arrived)} arrived, {rows.Sum(r => r.Rejected)} rejected, {rows.Sum(r => r.Accepted)} accepted");
        plot.YLabel("frames (dark: rejected, red: accepted)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The CPU time of each OBU's work over the run (measured per thread: <see cref="ObuCpu"/>), with its share of one core.</summary>
    public static byte[] Cpu(IReadOnlyList<ObuCpuFigure> cpu, string title)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        var plot = new Plot();
        for (var i = 0; i < cpu.Count; i++)
        {
            plot.Add.Bar(new Bar { Position = i, Value = cpu[i].CpuSeconds * 1000, FillColor = Color.FromHex("#1f77b4"),
                Label = cpu[i].ShareOfOneCore.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(cpu.Select((_, i) => (double)i).ToArray(),
            cpu.Select(c => cpu.Count > 30 ? string.Empty : c.Obu).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.XLabel(cpu.Count > 30 ? $"{cpu.Count} OBUs" : "OBU (label: share of one core)");
        plot.YLabel("CPU time (ms)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
