using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Report;

/// <summary>
/// The run report's page: self-contained like the drive report (<see cref="DriveReportHtml"/>: plots inlined as PNG
/// data URIs, no script, no external resource), with the verdict, the expectations, five plots and their tables.
/// </summary>
public static class RunReportHtml
{
    /// <summary>The HTML text.</summary>
    public static string Write(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var run = data.Run;
        var b = new StringBuilder();
        var title = $"Bench demo report: {run.Obus} OBUs, seed {run.Seed}, {run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC";
        DriveReportHtml.Head(b, title);
        b.Append(CultureInfo.InvariantCulture,
            $"<p>{(data.Passed ? "Every expectation held" : "An expectation FAILED")}: {data.Expectations.Count(e => e.Passed)} of {data.Expectations.Count}. ")
            .Append(CultureInfo.InvariantCulture, $"Run {(run.EndedAt - run.StartedAt).TotalSeconds:0.#} s; {E(run.TamperedObu)} tampered at {(run.TamperedAt - run.StartedAt).TotalSeconds:0.#} s; ")
            .Append(CultureInfo.InvariantCulture, $"scan period {run.ScanPeriodSeconds:0.#} s, detection period {run.DetectionPeriodSeconds:0.#} s; keys {E(run.KeyStore)}. The figures are in report.json.</p>\n");
        b.Append("<table><tr><th>expectation</th><th>held</th><th>detail</th></tr>\n");
        foreach (var e in data.Expectations)
        {
            b.Append("<tr><td>").Append(E(e.Name)).Append("</td><td>").Append(e.Passed ? "yes" : "NO").Append("</td><td>").Append(E(e.Detail)).Append("</td></tr>\n");
        }

        b.Append("</table>\n");
        DriveReportHtml.Image(b, "Decisions per sender over time", RunReportPlots.DecisionsOverTime(data));
        DriveReportHtml.Image(b, "Detection delays", RunReportPlots.DetectionDelays(data));
        b.Append("<table><tr><th>receiver</th><th>delay (ms)</th><th>decision</th><th>row</th><th>act after mitigation</th></tr>\n");
        foreach (var d in data.Detection)
        {
            b.Append("<tr><td>").Append(E(d.Receiver)).Append(CultureInfo.InvariantCulture, $"</td><td>{d.DelayMs:0}</td><td>")
                .Append(E(d.Decision ?? "–")).Append("</td><td>").Append(E(d.Row ?? "–")).Append(CultureInfo.InvariantCulture, $"</td><td>{d.ActAfterMitigation}</td></tr>\n");
        }

        b.Append("</table>\n");
        DriveReportHtml.Image(b, "Message and decision rates", RunReportPlots.Rates(data));
        b.Append("<table><tr><th>station</th><th>frames sent</th><th>withheld</th><th>frames per second</th></tr>\n");
        foreach (var s in data.Sent)
        {
            b.Append("<tr><td>").Append(E(s.Station)).Append(CultureInfo.InvariantCulture, $"</td><td>{s.Transmitted}</td><td>{s.Withheld}</td><td>{s.PerSecond:0.00}</td></tr>\n");
        }

        b.Append("</table>\n");
        DriveReportHtml.Image(b, "CPU per OBU", RunReportPlots.Cpu(data.Cpu, "CPU time of each OBU's work over the run"));
        b.Append("<p>").Append(E(ObuCpuNote)).Append("</p>\n");
        b.Append("<table><tr><th>OBU</th><th>CPU (s)</th><th>share of one core</th></tr>\n");
        foreach (var c in data.Cpu)
        {
            b.Append("<tr><td>").Append(E(c.Obu)).Append(CultureInfo.InvariantCulture, $"</td><td>{c.CpuSeconds:0.000}</td><td>{c.ShareOfOneCore:P1}</td></tr>\n");
        }

        b.Append("</table>\n");
        DriveReportHtml.Image(b, "Attack outcomes", RunReportPlots.Attacks(data));
        b.Append("<table><tr><th>receiver</th><th>kind</th><th>sent</th><th>arrived</th><th>rejected</th><th>accepted</th><th>reasons</th></tr>\n");
        foreach (var r in data.Attacks)
        {
            b.Append("<tr><td>").Append(E(r.Receiver)).Append("</td><td>").Append(E(r.Kind.ToString()))
                .Append(CultureInfo.InvariantCulture, $"</td><td>{(r.Sent is { } n ? n.ToString(CultureInfo.InvariantCulture) : "–")}</td><td>{r.Arrived}</td><td>{r.Rejected}</td><td>{r.Accepted}</td><td>")
                .Append(E(string.Join(", ", r.Reasons.Select(kv => $"{kv.Key} {kv.Value}")))).Append("</td></tr>\n");
        }

        b.Append("</table>\n");
        if (data.Model is { } m)
        {
            ModelSection(b, m);
        }

        b.Append("</body></html>\n");
        return b.ToString();
    }

    /// <summary>How the CPU figures are measured (the report says so beside them).</summary>
    public const string ObuCpuNote = "Measured, per thread: each OBU's work (board, secure partition, receive pipeline and its signature "
        + "verifications, sender, radio, PKI client) runs in async flows started under the OBU's account; on every switch of a thread between "
        + "accounts the thread's own CPU time (clock_gettime CLOCK_THREAD_CPUTIME_ID) since its last switch is charged to the account it worked "
        + "for. From the OBU's creation (flash, boot, enrolment) to its stop; the share is over the run's duration. Shared work (the PKI's "
        + "server, the hub, the bench's own loop) is charged to no OBU.";

    // A compromised IDF model (issue 15): the times from the exploit, what the PKI revoked, each receiver of another model.
    private static void ModelSection(StringBuilder b, Reporting.ModelCompromiseSummary m)
    {
        var c = CultureInfo.InvariantCulture;
        string Ms(double? ms) => ms is { } v ? string.Create(c, $"{v:0} ms") : "never";
        b.Append("<h2>Compromised IDF model ").Append(E(m.Model)).Append("</h2>\n<p>")
            .Append(E(string.Create(c, $"Exploited on {string.Join(", ", m.Exploited)}; untouched {(m.Untouched.Count == 0 ? "none" : string.Join(", ", m.Untouched))}; other models {string.Join(", ", m.Others)}. ")))
            .Append(E(string.Create(c, $"From the exploit: threshold report {Ms(m.ThresholdReportAfterMs)}, model-wide revocation {Ms(m.RevokedAfterMs)}, the last receiver's first Revoked {Ms(m.LastFirstRevokedAfterMs)} (bound {m.BoundMs:0} ms); ")))
            .Append(E($"{m.StationsRevoked?.ToString(c) ?? "–"} stations and {m.TicketsRevoked?.ToString(c) ?? "–"} ATs revoked. {m.Action ?? "No revocation."}")).Append("</p>\n");
        b.Append("<table><tr><th>receiver</th><th>station of the model</th><th>CRL with the model</th><th>first Revoked</th><th>heard after the CRL</th><th>accepted after</th></tr>\n");
        foreach (var p in m.Pairs)
        {
            b.Append("<tr><td>").Append(E(p.Receiver)).Append("</td><td>").Append(E(p.Sender))
                .Append(c, $"</td><td>{Ms(p.RefreshedAfterMs)}</td><td>{(p.Silent ? "silent" : Ms(p.FirstRevokedAfterMs))}</td><td>{p.HeardAfterRefresh}</td><td>{p.AcceptedAfterRefresh}</td></tr>\n");
        }

        b.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
