using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Report;

/// <summary>
/// The drive report: one self-contained HTML file (the plots inlined as PNG data URIs, no script, no external
/// resource), with a summary, the four plots and tables of decisions by sender and by reason.
/// </summary>
public static class DriveReportHtml
{
    /// <summary>The HTML text.</summary>
    public static string Write(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var b = new StringBuilder();
        var title = $"Drive report: {recording.Manifest.Node}, {recording.Manifest.Started:yyyy-MM-dd HH:mm:ss} UTC";
        Head(b, title);
        var end = recording.Decisions.Select(d => d.Time).Concat(recording.Gnss.Select(g => g.Time)).DefaultIfEmpty(recording.Manifest.Started).Max();
        b.Append(CultureInfo.InvariantCulture, $"<p>Duration {(end - recording.Manifest.Started).TotalSeconds:0} s; {recording.Decisions.Count} frames decided from {recording.Decisions.Select(DriveAnalysis.Sender).Distinct().Count()} senders; ")
            .Append(CultureInfo.InvariantCulture, $"{recording.Sent.Count(s => s.Status == "Transmitted")} messages sent, {recording.Sent.Count(s => s.Status == "Withheld")} withheld; ")
            .Append(CultureInfo.InvariantCulture, $"{recording.Gnss.Count(g => g.Valid is not null)} track points; {recording.Can.Count} CAN signal values; frames.pcap {recording.FrameBytes} bytes.</p>\n");
        var statuses = recording.Gnss.Where(g => g.Status is not null).ToList();
        if (statuses.Count > 0)
        {
            b.Append("<p>GNSS status changes: ").Append(E(string.Join(", ", statuses.Select(s => $"{s.Time:HH:mm:ss} {s.Status}")))).Append("</p>\n");
        }

        Image(b, "Track coloured by decision", DriveReportPlots.Track(recording));
        Image(b, "Reception rate against distance to each sender", DriveReportPlots.ReceptionByDistance(recording));
        Image(b, "Decisions per sender over time", DriveReportPlots.DecisionsOverTime(recording));
        Image(b, "Detection delays", DriveReportPlots.DetectionDelays(recording));

        b.Append("<h2>Decisions by sender</h2>\n<table><tr><th>sender</th>");
        var classes = DriveReportPlots.Colours.Keys.ToList();
        foreach (var c in classes)
        {
            b.Append("<th>").Append(E(c)).Append("</th>");
        }

        b.Append("</tr>\n");
        foreach (var sender in recording.Decisions.GroupBy(DriveAnalysis.Sender).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            b.Append("<tr><td>").Append(E(sender.Key)).Append("</td>");
            foreach (var c in classes)
            {
                b.Append(CultureInfo.InvariantCulture, $"<td>{sender.Count(d => DriveAnalysis.Class(d) == c)}</td>");
            }

            b.Append("</tr>\n");
        }

        b.Append("</table>\n<h2>Decisions by stage, reason and row</h2>\n<table><tr><th>outcome / stage / reason</th><th>row</th><th>frames</th></tr>\n");
        foreach (var g in recording.Decisions.GroupBy(d => (d.Outcome, d.Stage, d.Reason, d.Row)).OrderByDescending(g => g.Count()))
        {
            b.Append("<tr><td>").Append(E($"{g.Key.Outcome} / {g.Key.Stage} / {g.Key.Reason}")).Append(CultureInfo.InvariantCulture, $"</td><td>{g.Key.Row}</td><td>{g.Count()}</td></tr>\n");
        }

        b.Append("</table>\n<h2>Detection delays</h2>\n<table><tr><th>sender</th><th>anomaly report generated</th><th>first mitigation</th><th>delay (ms)</th></tr>\n");
        foreach (var (sender, onset, mitigated, delay) in DriveAnalysis.DetectionDelays(recording))
        {
            b.Append("<tr><td>").Append(E(sender)).Append(CultureInfo.InvariantCulture, $"</td><td>{onset:HH:mm:ss.fff}</td><td>{mitigated:HH:mm:ss.fff}</td><td>{delay:0}</td></tr>\n");
        }

        b.Append("</table>\n</body></html>\n");
        return b.ToString();
    }

    /// <summary>The page's head, style and title (the drive report's and the run report's).</summary>
    internal static void Head(StringBuilder b, string title)
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");
        b.Append("<style>body{font-family:sans-serif;margin:2em;max-width:980px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}img{max-width:100%;border:1px solid #ddd}</style>\n");
        b.Append("</head><body>\n<h1>").Append(E(title)).Append("</h1>\n");
    }

    /// <summary>A plot under its caption, inlined as a PNG data URI.</summary>
    internal static void Image(StringBuilder b, string caption, byte[] png) =>
        b.Append("<h2>").Append(E(caption)).Append("</h2>\n<img alt=\"").Append(E(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
