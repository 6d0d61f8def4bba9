using Bench.Attacks;
using Bench.Reporting;
using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Security;

namespace Bench.Tests.Attacks;

/// <summary>
/// The replay and reflection checks of a run with a radio range tell apart what receivers accepted of an attacker's
/// copies: an altered copy or a message accepted twice breaks replay protection; an exact copy of a message a receiver
/// missed (a relay) is a genuine message accepted once, and is counted.
/// </summary>
public sealed class AcceptedCopiesTests
{
    private static readonly HashedId8 Signer = new(0x1122334455667788);
    private static readonly DateTimeOffset T = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(string receiver, string sender, SenderKind kind, bool accepted, uint counter) =>
        new(receiver, sender, kind, DemoPhase.Clean, T, T, "CAM", accepted ? ReceiveOutcome.Accepted : ReceiveOutcome.Rejected,
            accepted ? TrustDecision.Act : TrustDecision.Discard, null, accepted ? ReceiveStage.Decision : ReceiveStage.Replay,
            accepted ? ReceiveReason.None : ReceiveReason.Duplicate, null, Signer: Signer, Counter: counter);

    // name, the attacker's copies (receiver, kind, accepted, counter), altered, twice, relayed expected
    public static TheoryData<string, (string, SenderKind, bool, uint)[], long, long, long> Rows => new()
    {
        { "every copy refused", [("a", SenderKind.ExactReplay, false, 5), ("b", SenderKind.AlteredReplay, false, 5)], 0, 0, 0 },
        { "an exact copy at a receiver that had the original", [("a", SenderKind.ExactReplay, true, 5)], 0, 1, 0 },
        { "an exact copy at a receiver that missed it", [("b", SenderKind.ExactReplay, true, 5)], 0, 0, 1 },
        { "a copy of another message of the same ticket at a", [("a", SenderKind.ExactReplay, true, 6)], 0, 0, 1 },
        { "an altered copy anywhere", [("b", SenderKind.AlteredReplay, true, 77)], 1, 0, 0 },
        { "all three", [("a", SenderKind.ExactReplay, true, 5), ("b", SenderKind.ExactReplay, true, 5), ("c", SenderKind.AlteredReplay, true, 5)], 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Accepted_copies_are_split_by_what_each_receiver_had_accepted(string name, (string, SenderKind, bool, uint)[] copies, long altered, long twice, long relayed)
    {
        // Receiver a accepted the original (counter 5); b refused it (lost would leave no entry at all: the same).
        List<LedgerEntry> entries = [Entry("a", "obu-1", SenderKind.Obu, true, 5), Entry("b", "obu-1", SenderKind.Obu, false, 5)];
        var attacker = copies.Select(c => Entry(c.Item1, "attacker", c.Item2, c.Item3, c.Item4)).ToList();
        entries.AddRange(attacker);

        var split = AcceptedCopies.Of(attacker, entries);

        Assert.Equal((altered, twice, relayed), (split.Altered, split.Twice, split.Relayed));
        Assert.True(split.Held == (altered == 0 && twice == 0), name);
    }
}
