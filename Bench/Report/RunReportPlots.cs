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

    /// <summary>The replays at each receiver, by kind: rejected and accepted.</summary>
    public static byte[] Replays(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = new Plot();
        var rows = data.Replays.OrderBy(r => r.Receiver, StringComparer.Ordinal).ThenBy(r => r.Kind).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            plot.Add.Bar(new Bar { Position = i, Value = rows[i].Rejected, FillColor = Color.FromHex(DriveReportPlots.Colours["Rejected"]) });
            plot.Add.Bar(new Bar { Position = i, ValueBase = rows[i].Rejected, Value = rows[i].Rejected + rows[i].Accepted, FillColor = Color.FromHex(DriveReportPlots.Colours["Discard"]) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rows.Select((_, i) => (double)i).ToArray(),
            rows.Select(r => $"{r.Receiver}\n{LiveTable.SenderLabel("attacker", r.Kind)}").ToArray());
        plot.Title($"Replays at each receiver: {rows.Sum(r => r.Rejected)} rejected, {rows.Sum(r => r.Accepted)} accepted");
        plot.YLabel("replayed frames (dark: rejected, red: accepted)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
