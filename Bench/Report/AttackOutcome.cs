using Bench.Reporting;

namespace Bench.Report;

/// <summary>
/// What one receiver did with one kind of attack frame (the replays, and any other attacker kind the run's ledger
/// names, such as a flood): how many the attacker sent (null where the run does not count them), how many reached the
/// receiver's pipeline, rejected and accepted, and the rejections' reasons.
/// </summary>
public sealed record AttackOutcome(string Receiver, SenderKind Kind, long? Sent, int Arrived, int Rejected, int Accepted, IReadOnlyDictionary<string, int> Reasons)
{
    /// <summary>The attack frames of <paramref name="entries"/> (every kind but OBUs, legacy senders and unknown sources) per receiver and kind.</summary>
    public static IReadOnlyList<AttackOutcome> From(IEnumerable<LedgerEntry> entries, Func<SenderKind, long?> sent)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(sent);
        return entries.Where(e => e.Kind is not (SenderKind.Obu or SenderKind.Legacy or SenderKind.Unknown))
            .GroupBy(e => (e.Receiver, e.Kind))
            .OrderBy(g => g.Key.Receiver, StringComparer.Ordinal).ThenBy(g => g.Key.Kind)
            .Select(g => new AttackOutcome(g.Key.Receiver, g.Key.Kind, sent(g.Key.Kind), g.Count(),
                g.Count(e => e.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Rejected),
                g.Count(e => e.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Accepted),
                g.Where(e => e.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Rejected)
                    .GroupBy(e => $"{e.Stage} {e.Reason}").OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Count(), StringComparer.Ordinal)))
            .ToList();
    }
}
