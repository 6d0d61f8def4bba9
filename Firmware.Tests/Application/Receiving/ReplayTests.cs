using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Replay through the whole pipeline (patent ¶150-153): an exact replay is a duplicate; a replay with the
/// counter altered breaks the signature, and a message re-signed with a counter already seen is caught by the
/// sender's counter window; the window slides across the 2^32 wrap and starts afresh for a new pseudonym, with
/// no false reject.
/// </summary>
public sealed class ReplayTests
{
    private static readonly TestAuthority Authority = new("replay.test");

    [Fact]
    public void An_exact_replay_is_rejected_and_changes_nothing()
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        var frame = station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 100, receiver.Now));
        Assert.True(receiver.Process(frame).IsAccepted);
        var before = receiver.State;

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(300));
        var replay = receiver.Process(frame);

        Assert.Equal((ReceiveStage.Replay, ReceiveReason.Duplicate, TrustDecision.Discard), (replay.Stage, replay.Reason, replay.Decision));
        Assert.Equal(before, receiver.State);
    }

    [Fact]
    public void An_exact_replay_of_a_legacy_frame_is_rejected_too()
    {
        using var receiver = new TestReceiver(Authority);
        var legacy = new TestStation(Authority, assurance: null);
        var frame = legacy.Cam(receiver.Now, SignerChoice.Certificate, null);
        Assert.True(receiver.Process(frame).IsAccepted);

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(ReceiveReason.Duplicate, receiver.Process(frame).Reason);
    }

    [Theory]
    [InlineData("the receiver heard the original: same time and signature, a duplicate", true, ReceiveStage.Replay, ReceiveReason.Duplicate)]
    [InlineData("the receiver missed the original: the signature breaks", false, ReceiveStage.Signature, ReceiveReason.BadSignature)]
    public void A_replay_with_the_counter_altered_is_rejected(string name, bool heardOriginal, ReceiveStage stage, ReceiveReason reason)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        const uint counter = 0xA1B2C3D4;
        var frame = station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, counter, receiver.Now));
        if (heardOriginal)
        {
            Assert.True(receiver.Process(frame).IsAccepted);
        }

        var before = receiver.State;

        // The attacker moves the counter ahead of the window (the report is inside the signed HeaderInfo).
        var at = IndexOf(frame, [0xA1, 0xB2, 0xC3, 0xD4]);
        var altered = (byte[])frame.Clone();
        altered[at + 3] = 0xF0;
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var result = receiver.Process(altered);

        Assert.True((stage, reason) == (result.Stage, result.Reason), $"{name}: {result.Stage} {result.Reason}");
        Assert.Equal(before, receiver.State);
    }

    [Fact]
    public void A_message_signed_again_with_a_counter_already_seen_is_caught_by_the_counter_window()
    {
        // What a partition never does but a cloned key or a replayed report would: the same counter in a new message.
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        var t0 = receiver.Now;
        Assert.True(receiver.Process(station.Cam(t0, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 500, t0))).IsAccepted);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var t1 = receiver.Now;
        Assert.True(receiver.Process(station.Cam(t1, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 501, t1))).IsAccepted);
        var before = receiver.State;

        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var t2 = receiver.Now;
        var again = receiver.Process(station.Cam(t2, SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 500, t2)));
        var tooOld = receiver.Process(station.Cam(t2.AddMilliseconds(1), SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, 501 - 64, t2.AddMilliseconds(1))));

        Assert.Equal((ReceiveStage.Replay, ReceiveReason.CounterReplayed), (again.Stage, again.Reason));
        Assert.Equal((ReceiveStage.Replay, ReceiveReason.CounterTooOld), (tooOld.Stage, tooOld.Reason));
        Assert.Equal(before, receiver.State);
    }

    // name, counters in the order sent (each one a new message 100 ms apart), and which are accepted
    public static TheoryData<string, uint[], bool[]> CounterSequences => new()
    {
        { "in order", [10, 11, 12, 13], [true, true, true, true] },
        { "gaps (lost messages)", [10, 15, 400, 401], [true, true, true, true] },
        { "reordered inside the window", [10, 12, 11, 13], [true, true, true, true] },
        { "wrap: 2^32-2, 2^32-1, 0, 1", [uint.MaxValue - 1, uint.MaxValue, 0, 1], [true, true, true, true] },
        { "wrap reordered: 2^32-1 after 0", [uint.MaxValue - 1, 0, uint.MaxValue, 1], [true, true, true, true] },
        { "wrap then a replayed 2^32-1", [uint.MaxValue, 0, 1, uint.MaxValue], [true, true, true, false] },
        { "a counter reused after others", [10, 11, 12, 11], [true, true, true, false] },
    };

    [Theory]
    [MemberData(nameof(CounterSequences))]
    public void Counter_sequences_have_no_false_rejects(string name, uint[] counters, bool[] accepted)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        for (var i = 0; i < counters.Length; i++)
        {
            var t = receiver.Now;
            var result = receiver.Process(station.Cam(t, i == 0 ? SignerChoice.Certificate : SignerChoice.Digest, TestStation.Report(IntegrityLevel.NoAnomaly, counters[i], t)));
            Assert.True(accepted[i] == result.IsAccepted, $"{name}: message {i} (counter {counters[i]}): {result.Reason} {result.Detail}");
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public void A_pseudonym_change_starts_a_new_window_without_false_rejects()
    {
        using var receiver = new TestReceiver(Authority);
        var before = new TestStation(Authority);
        var after = new TestStation(Authority);
        for (uint c = 1_000_000; c < 1_000_010; c++)
        {
            Assert.True(receiver.Process(before.Cam(receiver.Now, c == 1_000_000 ? SignerChoice.Certificate : SignerChoice.Digest,
                TestStation.Report(IntegrityLevel.NoAnomaly, c, receiver.Now))).IsAccepted);
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // The partition draws a new random counter offset at the change: here far below the old one.
        var results = new List<ReceiveResult>();
        for (uint c = 17; c < 22; c++)
        {
            results.Add(receiver.Process(after.Cam(receiver.Now, c == 17 ? SignerChoice.Certificate : SignerChoice.Digest,
                TestStation.Report(IntegrityLevel.NoAnomaly, c, receiver.Now))));
            receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.All(results, r => Assert.True(r.IsAccepted, $"{r.Counter}: {r.Reason} {r.Detail}"));
        Assert.True(results[0].FirstFromSigner);
        Assert.Equal(2, receiver.Pipeline.Replay.Neighbours.Count);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0 && haystack.AsSpan(at + 1).IndexOf(needle) < 0, "the counter occurs once in the frame");
        return at;
    }
}
