using Firmware.Upstream.Delivery;
using Hardware.Random;

namespace Firmware.Tests.Upstream.Delivery;

/// <summary>
/// Exponential backoff with equal jitter: after the n-th failure in a row the wait lies in [d/2, d],
/// d = min(max, initial × 2^(n-1)); draws differ (jitter) and a success starts over.
/// </summary>
public sealed class BackoffTests
{
    public static TheoryData<int, double> Ceilings => new()
    {
        { 1, 2 }, { 2, 4 }, { 3, 8 }, { 6, 64 }, { 7, 100 }, { 40, 100 }, { 100, 100 },
    };

    [Theory]
    [MemberData(nameof(Ceilings))]
    public void The_wait_after_n_failures_lies_between_half_the_ceiling_and_the_ceiling(int failures, double ceilingSeconds)
    {
        for (var draw = 0; draw < 50; draw++)
        {
            var b = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(100), SystemRandomSource.Instance);
            var wait = TimeSpan.Zero;
            for (var i = 0; i < failures; i++)
            {
                wait = b.Fail();
            }

            Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), b.Ceiling);
            Assert.InRange(wait, TimeSpan.FromSeconds(ceilingSeconds / 2), TimeSpan.FromSeconds(ceilingSeconds));
        }
    }

    [Fact]
    public void Waits_are_jittered()
    {
        var b = new Backoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), SystemRandomSource.Instance);
        var waits = Enumerable.Range(0, 64).Select(_ => b.Fail()).ToHashSet();
        Assert.True(waits.Count > 32, $"{waits.Count} distinct waits in 64 draws");
    }

    [Fact]
    public void A_success_starts_over()
    {
        var b = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), SystemRandomSource.Instance);
        for (var i = 0; i < 5; i++)
        {
            b.Fail();
        }

        b.Reset();
        Assert.Equal((0, TimeSpan.Zero), (b.Failures, b.Ceiling));
        Assert.InRange(b.Fail(), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Nonsensical_settings_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.Zero, TimeSpan.FromSeconds(1), SystemRandomSource.Instance));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), SystemRandomSource.Instance));
    }
}
