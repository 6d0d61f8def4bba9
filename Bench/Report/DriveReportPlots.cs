using ScottPlot;

namespace Bench.Report;

/// <summary>The report's plots, rendered to PNG with ScottPlot 5 (SkiaSharp underneath).</summary>
public static class DriveReportPlots
{
    /// <summary>Colour of each decision class (the same in every plot and in the GeoJSON export).</summary>
    public static IReadOnlyDictionary<string, string> Colours { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Act"] = "#2ca02c",
        ["ActWithCaution"] = "#bcbd22",
        ["PrepareOnly"] = "#ff7f0e",
        ["Discard"] = "#d62728",
        ["Rejected"] = "#7f0000",
        ["Deferred"] = "#7f7f7f",
    };

    private const int Width = 900;
    private const int Height = 480;

    /// <summary>Own track (grey) and the senders' positions of every decision, coloured by the decision.</summary>
    public static byte[] Track(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var plot = new Plot();
        var own = recording.Gnss.Where(g => g.Valid == true && g.Latitude is not null).ToList();
        if (own.Count > 0)
        {
            var line = plot.Add.Scatter(own.Select(g => g.Longitude!.Value).ToArray(), own.Select(g => g.Latitude!.Value).ToArray(), Color.FromHex("#9e9e9e"));
            line.LegendText = $"{recording.Manifest.Node} (own track)";
            line.MarkerSize = 2;
        }

        foreach (var group in recording.Decisions.Where(d => d.Latitude is not null).GroupBy(DriveAnalysis.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var points = plot.Add.Scatter(group.Select(d => d.Longitude!.Value).ToArray(), group.Select(d => d.Latitude!.Value).ToArray(), Color.FromHex(Colours[group.Key]));
            points.LineWidth = 0;
            points.MarkerSize = 5;
            points.LegendText = $"{group.Key} ({group.Count()})";
        }

        plot.Title("Track and decisions at the senders' positions");
        plot.XLabel("longitude (°)");
        plot.YLabel("latitude (°)");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Frames per second heard from each sender against its distance.</summary>
    public static byte[] ReceptionByDistance(DriveRecording recording)
    {
        var plot = new Plot();
        foreach (var (sender, bins) in DriveAnalysis.ReceptionByDistance(recording))
        {
            if (bins.Count == 0)
            {
                continue;
            }

            var s = plot.Add.Scatter(bins.Select(b => b.Metres).ToArray(), bins.Select(b => b.PerSecond).ToArray());
            s.LegendText = sender;
            s.MarkerSize = 6;
        }

        plot.Title($"Reception rate against distance (bins of {DriveAnalysis.DistanceBinMetres} m)");
        plot.XLabel("distance to the sender (m)");
        plot.YLabel("frames heard per second");
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Every decision as a mark on its sender's row over time, coloured by the decision.</summary>
    public static byte[] DecisionsOverTime(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var start = recording.Manifest.Started;
        return DecisionsOverTime(recording.Decisions.Select(d => ((d.Time - start).TotalSeconds, DriveAnalysis.Sender(d), DriveAnalysis.Class(d))).ToList(),
            "Decisions per sender over time", "seconds since the recording started", "sender (station ID)");
    }

    /// <summary>Marks (seconds, sender, decision class) on one row per sender, coloured by the class (also the run report's plot).</summary>
    public static byte[] DecisionsOverTime(IReadOnlyList<(double Seconds, string Sender, string Class)> marks, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var plot = new Plot();
        var senders = marks.Select(m => m.Sender).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var group in marks.GroupBy(m => m.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var s = plot.Add.Scatter(group.Select(m => m.Seconds).ToArray(), group.Select(m => (double)senders.IndexOf(m.Sender)).ToArray(), Color.FromHex(Colours[group.Key]));
            s.LineWidth = 0;
            s.MarkerSize = 4;
            s.LegendText = group.Key;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            senders.Select((_, i) => (double)i).ToArray(), senders.ToArray());
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Math.Max(Height, 120 + (senders.Count * 28)), ImageFormat.Png);
    }

    /// <summary>Detection delay per sender whose report turned from "no anomaly".</summary>
    public static byte[] DetectionDelays(DriveRecording recording)
    {
        var plot = new Plot();
        var delays = DriveAnalysis.DetectionDelays(recording).Where(d => d.DelayMs is not null).ToList();
        if (delays.Count > 0)
        {
            plot.Add.Bars(delays.Select(d => d.DelayMs!.Value).ToArray());
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                delays.Select((_, i) => (double)i).ToArray(), delays.Select(d => d.Sender).ToArray());
        }

        plot.Title("Detection delay: anomaly report generated → first decision that does not act");
        plot.XLabel("sender");
        plot.YLabel("delay (ms)");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
