using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;

namespace Bench.Live;

/// <summary>
/// How the other OBUs currently trust each sender, for the live view's colours: per sender and receiver the outcome
/// of the receiver's latest decision about the sender's messages (the decision table's names, patent ¶174-183:
/// <c>Act</c>, <c>ActWithCaution</c>, <c>PrepareOnly</c>, <c>Discard</c>, or <c>Rejected</c> for a frame the pipeline
/// refused) and since when (the bench clock); the sender's colour is the outcome most receivers give it now, a tie
/// going to the worse one. Only senders the bench names as stations (OBUs and the legacy station) are kept: a replay
/// leaves from the attacker's radio and is the attacker's, not its victim's. Not thread-safe (the feed locks it).
/// </summary>
public sealed class TrustView
{
    /// <summary>The outcome of a rejected frame, beside the decision table's four.</summary>
    public const string Rejected = "Rejected";

    private readonly Dictionary<string, SortedDictionary<string, ReceiverView>> _bySender = new(StringComparer.Ordinal);

    /// <summary>One receiver's current view of one sender.</summary>
    /// <param name="Outcome">The outcome of its latest decision.</param>
    /// <param name="Since">When the receiver first gave that outcome in a row (bench clock).</param>
    public sealed record ReceiverView(string Outcome, DateTimeOffset Since);

    /// <summary>One sender's trust: the outcome most receivers give it, and each receiver's view.</summary>
    public sealed record SenderTrust(string Sender, string Outcome, IReadOnlyDictionary<string, ReceiverView> Receivers);

    /// <summary>The outcome name of one decision.</summary>
    public static string OutcomeOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Outcome == ReceiveOutcome.Accepted ? entry.Decision.ToString() : Rejected;
    }

    /// <summary>How bad an outcome is: Act 0 … Discard 3, Rejected 4.</summary>
    public static int Severity(string outcome) =>
        Enum.TryParse<TrustDecision>(outcome, out var d) && Enum.IsDefined(d) ? (int)d : outcome == Rejected ? 4 : throw new ArgumentException($"unknown outcome {outcome}", nameof(outcome));

    /// <summary>
    /// Takes one decision; returns the sender's trust when a receiver's view of it changed (null otherwise, and for a
    /// sender that is not a station or a receiver deciding about itself).
    /// </summary>
    public SenderTrust? Record(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind is not (SenderKind.Obu or SenderKind.Legacy or SenderKind.Ghost) || entry.Receiver == entry.Sender)
        {
            return null;
        }

        if (!_bySender.TryGetValue(entry.Sender, out var receivers))
        {
            receivers = new SortedDictionary<string, ReceiverView>(StringComparer.Ordinal);
            _bySender[entry.Sender] = receivers;
        }

        var outcome = OutcomeOf(entry);
        if (receivers.TryGetValue(entry.Receiver, out var view) && view.Outcome == outcome)
        {
            return null;
        }

        receivers[entry.Receiver] = new ReceiverView(outcome, entry.DecidedAt);
        return Of(entry.Sender);
    }

    /// <summary>Every sender's trust now.</summary>
    public IReadOnlyList<SenderTrust> All() => [.. _bySender.Keys.Order(StringComparer.Ordinal).Select(s => Of(s)!)];

    /// <summary>One sender's trust now (null before any receiver decided about it).</summary>
    public SenderTrust? Of(string sender)
    {
        if (!_bySender.TryGetValue(sender, out var receivers) || receivers.Count == 0)
        {
            return null;
        }

        var outcome = receivers.Values.GroupBy(v => v.Outcome, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => Severity(g.Key)).First().Key;
        return new SenderTrust(sender, outcome, new SortedDictionary<string, ReceiverView>(receivers, StringComparer.Ordinal));
    }
}
