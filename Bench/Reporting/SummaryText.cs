using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bench.Reporting;

/// <summary>The summary as text (summary.txt, and what the demo prints at the end) and as JSON (summary.json).</summary>
public static partial class SummaryText
{
    /// <summary>The summary as indented JSON.</summary>
    public static string ToJson(DemoSummary summary) => JsonSerializer.Serialize(summary, SummaryJson.Indented);

    /// <summary>The summary as text.</summary>
    public static string Render(DemoSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var run = summary.Run;
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        t.AppendLine("== bench demo summary ==");
        t.AppendLine(c, $"run        {run.StartedAt:HH:mm:ss.fff} → {run.EndedAt:HH:mm:ss.fff} UTC, {run.Obus} OBUs + 1 legacy station + 1 replay attacker, seed {run.Seed}");
        t.AppendLine(c, $"tamper     {run.TamperedObu}: {(run.Tamper == "tampered-firmware" ? "tampered firmware" : "rogue process")} at {run.TamperedAt:HH:mm:ss.fff} (+{(run.TamperedAt - run.StartedAt).TotalSeconds:0.0} s); scan period {run.ScanPeriodSeconds:0.#} s, detection period {run.DetectionPeriodSeconds:0.#} s");
        if (run.TamperedReportAfterMs is { } latched)
        {
            t.AppendLine(c, $"           {run.TamperedObu}'s first message with an anomaly report left {latched:0} ms after the tamper");
        }

        t.AppendLine(c, $"keys       {run.KeyStore}");
        t.AppendLine(c, $"pki        {run.PkiAddress} (state in {run.PkiFolder})");
        t.AppendLine(c, $"radio      UDP multicast {run.RadioGroup}:{run.RadioPort} on {run.RadioInterface}, Ethernet II frames, EtherType 0x8947");
        t.AppendLine();
        t.AppendLine("-- decisions per receiver, sender and phase (accepted: act / caution / prepare / discard; then rejected) --");
        t.AppendLine(c, $"{"receiver",-9} {"sender",-18} {"phase",-8} {"frames",6} {"act",5} {"caution",7} {"prepare",7} {"discard",7} {"rejected",8}  rows / reasons");
        foreach (var cell in summary.Decisions)
        {
            var detail = string.Join(", ", cell.Rows.Select(kv => $"{kv.Key} {kv.Value}").Concat(cell.RejectReasons.Select(kv => $"rejected {kv.Key} {kv.Value}")));
            t.AppendLine(c, $"{cell.Receiver,-9} {LiveTable.SenderLabel(cell.Sender, cell.Kind),-18} {cell.Phase,-8} {cell.Frames,6} {cell.Act,5} {cell.ActWithCaution,7} {cell.PrepareOnly,7} {cell.Discard,7} {cell.Rejected,8}  {detail}");
        }

        t.AppendLine();
        t.AppendLine(c, $"-- detection delay: tamper → first {(run.Tamper == "tampered-firmware" ? "Discard" : "mitigation decision")} about {run.TamperedObu} --");
        foreach (var d in summary.Detection)
        {
            t.AppendLine(d.DelayMs is { } ms
                ? string.Create(c, $"{d.Receiver,-9} {ms,7:0} ms  {d.Decision} ({d.Row}); {(run.Tamper == "tampered-firmware" ? "not Discard" : "Act")} afterwards: {d.ActAfterMitigation}")
                : $"{d.Receiver,-9}    none");
        }

        t.AppendLine();
        t.AppendLine(c, $"-- replays: heard {summary.Replays.Heard}, sent {summary.Replays.ExactSent} exact and {summary.Replays.AlteredSent} with an altered counter --");
        foreach (var r in summary.Replays.AtReceivers)
        {
            t.AppendLine(c, $"{r.Receiver,-9} {LiveTable.SenderLabel("", r.Kind),-18} received {r.Received,4}, rejected {r.Rejected,4}, accepted {r.Accepted}  {string.Join(", ", r.Reasons.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        t.AppendLine();
        t.AppendLine("-- legacy station (no report, no IDF permission) --");
        foreach (var l in summary.Legacy)
        {
            t.AppendLine(c, $"{l.Receiver,-9} accepted {l.Accepted,4}, rejected {l.Rejected,3}  rows: {string.Join(", ", l.Rows.Select(kv => $"{kv.Key} {kv.Value}"))}; decisions: {string.Join(", ", l.Decisions.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        t.AppendLine();
        t.AppendLine("-- EEBL brake responses (receiver ← sender, phase: response ×count) --");
        foreach (var b in summary.Brakes)
        {
            t.AppendLine(c, $"{b.Receiver,-9} ← {b.Sender,-9} {b.Phase,-8}: {b.Response} ×{b.Count}");
        }

        t.AppendLine();
        t.AppendLine("-- sent on the radio, and requests to the PKI service over HTTP --");
        foreach (var s in summary.Sent)
        {
            t.AppendLine(c, $"{s.Station,-9} transmitted {s.Transmitted,5}, withheld {s.Withheld}, EEBL triggers {s.DenmTriggers}; PKI: {string.Join(", ", s.PkiRequests.Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        if (summary.Hub is { } hub)
        {
            t.AppendLine();
            t.AppendLine(c, $"-- sharing-community hub (ITU-T X.1382) {hub.ApiRoot}, collection Fleet anomalies ({hub.Collection}); store {hub.Database} --");
            t.AppendLine(c, $"objects      {HubSummaryBuilder.Counts(hub.ObjectsByType)}");
            t.AppendLine(c, $"summaries    by threat type: {(hub.SummariesByThreatType.Count == 0 ? "none" : string.Join(", ", hub.SummariesByThreatType.Select(kv => $"{kv.Key} {kv.Value}")))}");
            t.AppendLine(c, $"{hub.TamperedObu,-12} {Summaries(hub.TamperedPosted)} acknowledged, {hub.TamperedHeld} held; first {(hub.FirstSummaryAfterMs is { } ms ? string.Create(c, $"{ms:0} ms") : "never")} after the tamper; other OBUs {hub.OthersPosted}");
            foreach (var a in hub.TamperedAnomalies)
            {
                t.AppendLine(c, $"merged       {a.AnomalyClass} ({a.ThreatType}) {a.Signature[..Math.Min(16, a.Signature.Length)]}…: {Summaries(a.Summaries)}, indicator {(a.Indicator ? "yes" : "no")}, sighting count {(a.SightingCount is { } n ? n.ToString(c) : "none")}, vehicles {a.Vehicles ?? 0}");
            }
        }

        if (summary.Posture is { } posture)
        {
            PostureLines(t, posture);
        }

        if (summary.Ghost is { } ghost)
        {
            GhostLines(t, ghost);
        }

        if (summary.Model is { } model)
        {
            ModelLines(t, model);
        }

        foreach (var phase in summary.NotRun)
        {
            t.AppendLine(c, $"not run    {phase}");
        }

        t.AppendLine();
        t.AppendLine("-- expectations --");
        foreach (var e in summary.Expectations)
        {
            t.AppendLine(c, $"[{(e.Passed ? "pass" : "FAIL")}] {e.Name}: {e.Detail}");
        }

        t.AppendLine();
        t.AppendLine(c, $"-- pcaps, one per node (link type Ethernet: tshark -r FILE) --");
        foreach (var p in summary.Pcaps)
        {
            t.AppendLine(c, $"{p.Node,-9} {p.Path}");
        }

        return t.ToString();
    }

    private static string Summaries(int count) => count == 1 ? "1 summary" : string.Create(CultureInfo.InvariantCulture, $"{count} summaries");
}
