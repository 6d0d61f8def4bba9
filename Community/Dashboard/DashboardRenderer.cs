using System.Globalization;
using System.Net;
using System.Text;
using Community.Dashboard;
using Cti.Stix;

namespace Community.Dashboard;

/// <summary>Renders the overview as one self-contained HTML page (no scripts, no external resources).</summary>
public static class DashboardRenderer
{
    /// <summary>The page.</summary>
    public static string Render(DashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sharing community overview</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:0 0 1.5em}")
          .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#eee}.n{text-align:right}")
          .Append(".bar{background:#4a7;height:.8em;display:inline-block}</style></head><body>");
        sb.Append("<h1>Sharing community overview</h1><p>For ").Append(E(model.ReaderName)).Append(" at ")
          .Append(E(StixTimestamp.Format(model.At))).Append(". Collections: ").Append(E(string.Join(", ", model.Collections)))
          .Append(". Objects visible: ").Append(model.Total.ToString(CultureInfo.InvariantCulture))
          .Append(". Mean value score: ").Append(model.MeanScore.ToString("0.0", CultureInfo.InvariantCulture)).Append("/100.</p>");
        Counts(sb, "Objects by type", "Type", model.ByType);
        Counts(sb, "Objects by X.1371 threat type", "Threat type", model.ByThreatType);
        sb.Append("<h2>Top merged anomalies</h2><table><tr><th>Anomaly</th><th>Threat type</th><th class=n>Vehicles</th><th class=n>Reports</th><th>First seen</th><th>Last seen</th><th>Status</th></tr>");
        foreach (var g in model.TopAnomalies)
        {
            sb.Append("<tr><td>").Append(E(g.Title ?? g.Signature)).Append("</td><td>").Append(E(g.ThreatType ?? string.Empty))
              .Append("</td><td class=n>").Append(g.VehicleCount.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td class=n>").Append(g.ReportCount.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td>").Append(E(Ts(g.FirstSeenUs))).Append("</td><td>").Append(E(Ts(g.LastSeenUs)))
              .Append("</td><td>").Append(g.Revoked ? "revoked (false alarm)" : "active").Append("</td></tr>");
        }

        sb.Append("</table><h2>Highest value for you</h2><table><tr><th>Object</th><th>Type</th><th class=n>Score</th></tr>");
        foreach (var (id, type, name, score) in model.TopValued)
        {
            sb.Append("<tr><td title=\"").Append(E(id)).Append("\">").Append(E(name)).Append("</td><td>").Append(E(type))
              .Append("</td><td class=n>").Append(score.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        sb.Append("</table><p>Value score after ITU-T X.1382 Appendix II: source reputation, timeliness, completeness, relevance to you, effectiveness.</p></body></html>");
        return sb.ToString();
    }

    private static void Counts(StringBuilder sb, string title, string column, IReadOnlyList<KeyValuePair<string, long>> counts)
    {
        var max = counts.Count == 0 ? 1 : counts.Max(c => c.Value);
        sb.Append("<h2>").Append(E(title)).Append("</h2><table><tr><th>").Append(E(column)).Append("</th><th class=n>Count</th><th></th></tr>");
        foreach (var (key, value) in counts)
        {
            var width = (int)(200 * value / Math.Max(1, max));
            sb.Append("<tr><td>").Append(E(key)).Append("</td><td class=n>").Append(value.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td><span class=bar style=\"width:").Append(width.ToString(CultureInfo.InvariantCulture)).Append("px\"></span></td></tr>");
        }

        sb.Append("</table>");
    }

    private static string Ts(long us) => StixTimestamp.Format(StixTimestamp.FromMicroseconds(us));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
