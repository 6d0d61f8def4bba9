using System.Globalization;
using System.Text;

namespace Bench.Reporting;

/// <summary>The text of a compromised IDF model's run (issue 15).</summary>
public static partial class SummaryText
{
    private static void ModelLines(StringBuilder t, ModelCompromiseSummary m)
    {
        var c = CultureInfo.InvariantCulture;
        t.AppendLine();
        t.AppendLine(c, $"-- compromised IDF model {m.Model}: exploited on {string.Join(", ", m.Exploited)} at {m.ExploitedAt:HH:mm:ss.fff}; untouched {(m.Untouched.Count == 0 ? "none" : string.Join(", ", m.Untouched))}; other models {string.Join(", ", m.Others)} --");
        t.AppendLine(c, $"times from the exploit (bound {m.BoundMs:0} ms): own reports counted {(m.ReportsAfterMs.Count == 0 ? "none" : string.Join(", ", m.ReportsAfterMs.Select(kv => $"{kv.Key} {kv.Value:0} ms")))}; threshold reached {Ms(m.ThresholdReportAfterMs).Trim()}; revoked model-wide {Ms(m.RevokedAfterMs).Trim()}; the last receiver's first Revoked {Ms(m.LastFirstRevokedAfterMs).Trim()}");
        t.AppendLine(c, $"revocation: {m.Action ?? "none"}");
        foreach (var byReceiver in m.Pairs.GroupBy(p => p.Receiver))
        {
            t.AppendLine(c, $"{byReceiver.Key,-9} CRL with the model {Ms(byReceiver.First().RefreshedAfterMs).Trim()}: {string.Join(", ", byReceiver.Select(p => p.FirstRevokedAfterMs is { } f ? $"{p.Sender} Revoked {f:0} ms" : p.Silent ? $"{p.Sender} silent" : $"{p.Sender} not rejected"))}; accepted after the CRL {byReceiver.Sum(p => p.AcceptedAfterRefresh)}");
        }

        foreach (var o in m.Own)
        {
            t.AppendLine(c, $"{o.Station,-9} own tickets on the CRL {Ms(o.NoticedAfterMs).Trim()}: {o.Retired} retired{(o.EnrolmentRevoked ? ", enrolment credential listed" : "")}; new ticket {o.NewTicket ?? "none"}{(o.Refusal is { } r ? $" (refused: {r})" : "")}");
        }
    }
}
