using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using V2x.Security;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// The receive queue's rules (Docs/trust-decisions.md, "Under load"), on frames that only carry a signer and a
/// lane: lanes served strictly in order, signers round-robin inside a lane, one frame per signer in flight, a
/// signer's queued frames following it to its latest lane, and shedding: the oldest past a signer's share, from
/// the lowest lane when full, a random sample in the suspect lane, actionable frames last.
/// </summary>
public sealed class ReceiveQueueTests
{
    [Fact]
    public void Lanes_are_served_in_order_and_signers_round_robin_inside_a_lane()
    {
        var queue = new ReceiveQueue(capacity: 64, perSigner: 8, seed: 1);
        queue.Add(Frame(9, ReceiveLane.Suspect, 1));
        queue.Add(Frame(5, ReceiveLane.New, 1));
        queue.Add(Frame(1, ReceiveLane.Known, 1));
        queue.Add(Frame(1, ReceiveLane.Known, 2));
        queue.Add(Frame(2, ReceiveLane.Known, 1));
        queue.Add(Frame(1, ReceiveLane.Known, 3));

        var order = new List<string>();
        while (queue.TryTake(out var f, out var lane))
        {
            order.Add($"{lane}:{f.Key.Value}.{f.Facts.Counter}");
            queue.Done(f.Key);
        }

        Assert.Equal(["Known:1.1", "Known:2.1", "Known:1.2", "Known:1.3", "New:5.1", "Suspect:9.1"], order);
        Assert.Equal(0, queue.Signers);
    }

    [Fact]
    public void A_signer_has_one_frame_in_flight_and_its_queued_frames_follow_it_to_a_new_lane()
    {
        var queue = new ReceiveQueue(capacity: 64, perSigner: 8, seed: 1);
        queue.Add(Frame(1, ReceiveLane.Known, 1));
        queue.Add(Frame(1, ReceiveLane.Known, 2));
        queue.Add(Frame(2, ReceiveLane.New, 1));

        Assert.True(queue.TryTake(out var first, out _));
        Assert.True(queue.TryTake(out var second, out _));
        Assert.Equal((1ul, 2ul), (first.Key.Value, second.Key.Value));
        Assert.False(queue.TryTake(out _, out _));

        // Signer 1 is backed off meanwhile: its next frame, and the one queued, go to the suspect lane.
        queue.Add(Frame(1, ReceiveLane.Suspect, 3));
        queue.Done(first.Key);
        Assert.Equal((0, 0, 2), (queue.CountIn(ReceiveLane.Known), queue.CountIn(ReceiveLane.New), queue.CountIn(ReceiveLane.Suspect)));
        Assert.True(queue.TryTake(out var next, out var lane));
        Assert.Equal((ReceiveLane.Suspect, 2u), (lane, next.Facts.Counter));
    }

    // name, frames added in order ("signer lane counter", lane K/N/S, "!" for an actionable one), capacity, share, counters shed
    public static TheoryData<string, string, int, int, uint[]> Shedding => new()
    {
        { "past a signer's share: its oldest", "1K1 1K2 1K3", 64, 2, [1] },
        { "past a signer's share: its oldest CAM, not its DENM", "1K1! 1K2 1K3", 64, 2, [2] },
        { "full: a lower lane's frame goes before a higher lane's", "1K1 2N5 3K1", 2, 8, [5] },
        { "full: an arriving frame of a lower lane than every queued one is shed itself", "1K1 2K1 3S7", 2, 8, [7] },
        { "full: the longer signer of the lane pays", "1N1 1N2 2N1 3K9", 3, 8, [1] },
        { "a signer with only DENMs queued sheds its oldest DENM", "1K1! 1K2! 1K3!", 64, 2, [1] },
    };

    [Theory]
    [MemberData(nameof(Shedding))]
    public void Shedding_rules(string name, string frames, int capacity, int share, uint[] expected)
    {
        var queue = new ReceiveQueue(capacity, share, seed: 1);
        var shed = frames.Split(' ').Select(f => queue.Add(Frame(
                (byte)(f[0] - '0'),
                f[1] switch { 'K' => ReceiveLane.Known, 'N' => ReceiveLane.New, _ => ReceiveLane.Suspect },
                uint.Parse(f[2..].TrimEnd('!'), System.Globalization.CultureInfo.InvariantCulture),
                f.EndsWith('!'))))
            .OfType<PendingFrame>().Select(f => f.Facts.Counter!.Value).ToList();

        Assert.True(expected.SequenceEqual(shed), $"{name}: shed {string.Join(", ", shed)}");
    }

    [Fact]
    public void The_suspect_lane_sheds_a_random_sample_so_no_position_is_safe_to_flood()
    {
        // A victim's frame lands among a forger's in one suspect signer queue: which one is shed is drawn at random,
        // so over many rounds the victim's frame survives about as often as any forgery's.
        var survived = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var queue = new ReceiveQueue(capacity: 64, perSigner: 4, seed);
            queue.Add(Frame(1, ReceiveLane.Suspect, 1));
            queue.Add(Frame(1, ReceiveLane.Suspect, 2));
            queue.Add(Frame(1, ReceiveLane.Suspect, 99));
            for (uint i = 3; i < 10; i++)
            {
                queue.Add(Frame(1, ReceiveLane.Suspect, i));
            }

            var kept = new List<uint>();
            while (queue.TryTake(out var f, out _))
            {
                kept.Add(f.Facts.Counter!.Value);
                queue.Done(f.Key);
            }

            survived += kept.Contains(99u) ? 1 : 0;
        }

        // Each of the six adds past the share sheds one of five at random: the frame survives with (4/5)^6, about 52
        // rounds of 200; shedding the oldest would give 0, shedding the arriving one 200.
        Assert.InRange(survived, 25, 85);
    }

    private static PendingFrame Frame(byte signer, ReceiveLane lane, uint counter, bool actionable = false) =>
        new(ReadOnlyMemory<byte>.Empty, null!, new ReceiveResult
        {
            DecidedAt = DateTimeOffset.UnixEpoch,
            ReceivedAt = DateTimeOffset.UnixEpoch,
            Outcome = ReceiveOutcome.Rejected,
            Stage = ReceiveStage.Decode,
            Reason = ReceiveReason.None,
            Decision = TrustDecision.Discard,
            Counter = counter,
        }, new HashedId8(signer))
        {
            Lane = lane,
            Actionable = actionable,
        };
}
