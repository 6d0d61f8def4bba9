using System.Globalization;
using System.Text;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Reporting;

/// <summary>
/// The console table of who received what from whom and decided what: one line per receiver and sender with
/// the decisions of one phase (act, act with caution, prepare only, discard, rejected) and the latest decision
/// with its table row or rejection reason. On a terminal it is redrawn in place; otherwise the demo prints it
/// as plain lines at the end of each phase.
/// </summary>
public static class LiveTable
{
    private const string Home = "\u001b[H\u001b[J";

    /// <summary>Renders the table of <paramref name="phase"/> under a one-line <paramref name="heading"/>.</summary>
    public static string Render(IReadOnlyList<LedgerEntry> entries, DemoPhase phase, string heading, bool inPlace)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        if (inPlace)
        {
            text.Append(Home);
        }

        text.AppendLine(heading);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"receiver",-9} {"sender",-18} {"phase",-8} {"frames",6} {"act",5} {"caution",7} {"prepare",7} {"discard",7} {"rejected",8}  latest");
        foreach (var group in entries.Where(e => e.Phase == phase)
                     .GroupBy(e => (e.Receiver, e.Sender, e.Kind))
                     .OrderBy(g => g.Key.Receiver, StringComparer.Ordinal).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Sender, StringComparer.Ordinal))
        {
            var last = group.MaxBy(e => e.DecidedAt)!;
            var latest = last.Outcome == ReceiveOutcome.Accepted
                ? $"{last.Message} {last.Decision} ({last.Row})"
                : $"{last.Message} rejected: {last.Reason}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{group.Key.Receiver,-9} {SenderLabel(group.Key.Sender, group.Key.Kind),-18} {phase,-8} {group.Count(),6} {Count(group, TrustDecision.Act),5} {Count(group, TrustDecision.ActWithCaution),7} {Count(group, TrustDecision.PrepareOnly),7} {Count(group, TrustDecision.Discard),7} {group.Count(e => e.Outcome == ReceiveOutcome.Rejected),8}  {latest}");
        }

        return text.ToString();
    }

    /// <summary>The line under the table about the sharing-community hub: where it is and its objects by type.</summary>
    public static string HubLine(Uri apiRoot, IReadOnlyDictionary<string, int> objectsByType)
    {
        ArgumentNullException.ThrowIfNull(apiRoot);
        ArgumentNullException.ThrowIfNull(objectsByType);
        return $"hub {apiRoot.Authority} Fleet anomalies: {HubSummaryBuilder.Counts(objectsByType)}";
    }

    /// <summary>How a sender shows in the table.</summary>
    public static string SenderLabel(string sender, SenderKind kind) => kind switch
    {
        SenderKind.Legacy => sender + " (legacy)",
        SenderKind.Ghost => sender + " (ghost)",
        SenderKind.ExactReplay => "replay exact",
        SenderKind.AlteredReplay => "replay counter",
        SenderKind.Reflection => "reflection",
        _ => sender,
    };

    private static int Count(IEnumerable<LedgerEntry> entries, TrustDecision decision) =>
        entries.Count(e => e.Outcome == ReceiveOutcome.Accepted && e.Decision == decision);
}
