using Firmware.Application.Trust;
using V2x.Security;

namespace Firmware.Tests.Application.Trust;

/// <summary>
/// The bad-signature score of a ticket (Docs/trust-decisions.md, "Under load"): one per bad signature, halving
/// every half-life, capped; backed off at the threshold; a sampling budget per ticket while backed off; bounded.
/// </summary>
public sealed class SignatureBackoffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashedId8 Ticket = new(0x0102030405060708);

    // name, bad signatures (all at T0), then seconds later, backed off?
    public static TheoryData<string, int, double, bool> Rows => new()
    {
        { "three bad signatures: below the threshold of 4", 3, 0, false },
        { "four at once: backed off", 4, 0, true },
        { "eight, one half-life later: 4 left, still backed off", 8, 5, true },
        { "eight, a little more than a half-life later: below 4, no longer", 8, 5.1, false },
        { "a thousand, capped at 32: three half-lives later 4 left, still backed off", 1000, 15, true },
        { "a thousand, capped at 32: a little more than three half-lives later, no longer", 1000, 15.1, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_score_rises_decays_and_is_capped(string name, int bad, double laterSeconds, bool backedOff)
    {
        var backoff = new SignatureBackoff(capacity: 16, threshold: 4, halfLife: TimeSpan.FromSeconds(5), scoreCap: 32, samplesPerSecond: 10, sampleBurst: 10);
        for (var i = 0; i < bad; i++)
        {
            backoff.RecordBad(Ticket, T0, validated: null);
        }

        Assert.True(backedOff == backoff.IsBackedOff(Ticket, T0.AddSeconds(laterSeconds)), name);
    }

    [Fact]
    public void A_backed_off_ticket_is_sampled_at_its_budget()
    {
        var backoff = new SignatureBackoff(capacity: 16, threshold: 1, halfLife: TimeSpan.FromSeconds(5), scoreCap: 8, samplesPerSecond: 10, sampleBurst: 5);
        backoff.RecordBad(Ticket, T0, validated: null);

        var atOnce = Enumerable.Range(0, 20).Count(_ => backoff.TryTakeSample(Ticket, T0));
        var aSecondLater = Enumerable.Range(0, 20).Count(_ => backoff.TryTakeSample(Ticket, T0.AddSeconds(1)));

        Assert.Equal((5, 5), (atOnce, aSecondLater));
        Assert.False(backoff.TryTakeSample(new HashedId8(99), T0));
    }

    [Fact]
    public void The_memory_is_bounded()
    {
        var backoff = new SignatureBackoff(capacity: 16, threshold: 1, halfLife: TimeSpan.FromSeconds(5), scoreCap: 8, samplesPerSecond: 10, sampleBurst: 5);
        for (ulong i = 0; i < 1000; i++)
        {
            backoff.RecordBad(new HashedId8(i), T0, validated: null);
        }

        Assert.Equal(16, backoff.Count);
        Assert.True(backoff.IsBackedOff(new HashedId8(999), T0));
        Assert.False(backoff.IsBackedOff(new HashedId8(0), T0));
    }
}
