using Bench.Reporting;
using Firmware.Application.Receiving;

namespace Bench.Attacks;

/// <summary>
/// What the receivers accepted of an attacker's re-sent frames (a replay or a reflection), told apart by what each
/// receiver had accepted itself (by signer and report counter, the same message): an altered copy (a changed content
/// under the original signature), an exact copy of a message the receiver had accepted already (a replay proper: the
/// same message accepted twice), or an exact copy of one it had not (a relay of a frame it missed: out of the sender's
/// range or lost on the channel, and heard late; a genuine message, accepted once).
/// </summary>
/// <param name="Altered">Altered copies accepted.</param>
/// <param name="Twice">Exact copies of a message the receiver had accepted.</param>
/// <param name="Relayed">Exact copies of a message the receiver had not accepted.</param>
public sealed record AcceptedCopies(long Altered, long Twice, long Relayed)
{
    /// <summary>True when no receiver accepted a message twice or an altered one (replay protection held).</summary>
    public bool Held => Altered == 0 && Twice == 0;

    /// <summary>The accepted copies among <paramref name="decided"/> (the attacker's frames at every receiver), against the genuine senders' frames in <paramref name="entries"/>.</summary>
    public static AcceptedCopies Of(IEnumerable<LedgerEntry> decided, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(entries);
        var taken = decided.Where(e => e.Outcome == ReceiveOutcome.Accepted).ToList();
        if (taken.Count == 0)
        {
            return new AcceptedCopies(0, 0, 0);
        }

        var originals = entries.Where(e => e.Kind is SenderKind.Obu or SenderKind.Legacy && e.Outcome == ReceiveOutcome.Accepted && e.Signer is not null && e.Counter is not null)
            .Select(e => (e.Receiver, e.Signer, e.Counter)).ToHashSet();
        var altered = taken.Count(e => e.Kind == SenderKind.AlteredReplay);
        var twice = taken.Count(e => e.Kind != SenderKind.AlteredReplay && originals.Contains((e.Receiver, e.Signer, e.Counter)));
        return new AcceptedCopies(altered, twice, taken.Count - altered - twice);
    }

    /// <summary>The breakdown as a parenthesis for a check's detail.</summary>
    public override string ToString() =>
        $"{Altered} altered copies, {Twice} exact copies of a message the receiver had accepted, {Relayed} exact copies of one it had not (relayed: a genuine message it missed, accepted once)";
}
