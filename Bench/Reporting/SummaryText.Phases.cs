using System.Globalization;
using System.Text;

namespace Bench.Reporting;

/// <summary>The text of the ghost and posture phases (issue 14, Build 8).</summary>
public static partial class SummaryText
{
    private static void GhostLines(StringBuilder t, GhostSummary ghost)
    {
        var c = CultureInfo.InvariantCulture;
        t.AppendLine();
        t.AppendLine(c, $"-- ghost vehicle {ghost.Ghost}: {ghost.Sent} false CAMs from {(ghost.FirstSentAt is { } first ? first.ToString("HH:mm:ss.fff", c) : "never")}; {ghost.Reports} reports counted by the misbehaviour authority (from {(ghost.Reporters.Count == 0 ? "nobody" : string.Join(", ", ghost.Reporters))}); revoked {(ghost.RevokedAfterMs is { } afterMs ? string.Create(c, $"{afterMs:0} ms after its first false CAM") : "never")} --");
        t.AppendLine("times from its first false CAM:");
        foreach (var r in ghost.AtReceivers)
        {
            t.AppendLine(c, $"{r.Receiver,-9} accepted {r.Accepted,4}, first finding {Ms(r.FirstFoundAfterMs)} ({(r.Findings.Count == 0 ? "none" : string.Join(", ", r.Findings.Select(kv => $"{kv.Key} ×{kv.Value}")))}), first Revoked {Ms(r.FirstRevokedAfterMs)}, accepted after it {r.AcceptedAfterRevoked}");
        }

        t.AppendLine(c, $"genuine stations: {ghost.GenuineFindings.Count} findings, {ghost.GenuineReported.Count} reported, {ghost.GenuineRevoked.Count} revocation requests");
        foreach (var f in ghost.GenuineFindings.Take(16))
        {
            t.AppendLine(c, $"  finding  {f.Receiver} about {f.Subject} ({f.Kind}): {f.Observation}, {f.Detail}");
        }

        foreach (var r in ghost.GenuineReported)
        {
            t.AppendLine(c, $"  reported {r}");
        }

        foreach (var r in ghost.GenuineRevoked)
        {
            t.AppendLine(c, $"  revocation request {r}");
        }
    }

    private static void PostureLines(StringBuilder t, PostureSummary posture)
    {
        var c = CultureInfo.InvariantCulture;
        t.AppendLine();
        t.AppendLine(c, $"-- posture: {posture.Obu} runs {posture.Installed}; advisory {(posture.PublishedAt is { } p ? p.ToString("HH:mm:ss.fff", c) : "never published")}: {(posture.Advisory.Count == 0 ? "nothing stored" : string.Join(", ", posture.Advisory))}; its poll critical {Ms(posture.CriticalPollAfterMs).Trim()} after it --");
        t.AppendLine(c, $"times from the advisory (bound {posture.DetectionPeriodMs:0} ms):");
        foreach (var r in posture.AtReceivers)
        {
            t.AppendLine(c, $"{r.Receiver,-9} Act before {r.ActBefore,4}, first critical grade {Ms(r.FirstCriticalAfterMs)}: {(r.Decision is { } d ? $"{d} ({r.Row})" : "none")}, lowered after it {r.LoweredAfter}, Act after it {r.ActAfter}");
        }

        t.AppendLine(c, $"other OBUs graded critical or lowered: {(posture.Others.Count == 0 ? "none" : string.Join(", ", posture.Others))}");
    }

    private static string Ms(double? ms) => ms is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v,7:0} ms") : "   never";
}
