using Firmware.Application.Replay;
using V2x.Time;

namespace Firmware.Tests.Application.Replay;

/// <summary>The recent-message set: keyed on (generation time, r), bounded in time and count.</summary>
public sealed class DuplicateCacheTests
{
    private static readonly Time64 T0 = Time64.FromUtc(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static byte[] R(byte b) => Enumerable.Repeat(b, 32).ToArray();

    [Fact]
    public void The_same_time_and_r_is_a_duplicate_whatever_s()
    {
        var cache = new DuplicateCache(16, TimeSpan.FromSeconds(10));
        cache.Add(T0, R(1), T0);
        Assert.True(cache.Contains(T0, R(1)));
        Assert.False(cache.Contains(T0, R(2)));
        Assert.False(cache.Contains(T0.Add(TimeSpan.FromMilliseconds(1)), R(1)));
    }

    [Fact]
    public void Messages_older_than_the_retention_are_forgotten()
    {
        var cache = new DuplicateCache(16, TimeSpan.FromSeconds(10));
        cache.Add(T0, R(1), T0);
        cache.Add(T0.Add(TimeSpan.FromSeconds(10)), R(2), T0.Add(TimeSpan.FromSeconds(10)));
        Assert.True(cache.Contains(T0, R(1)));
        cache.Add(T0.Add(TimeSpan.FromSeconds(11)), R(3), T0.Add(TimeSpan.FromSeconds(11)));
        Assert.False(cache.Contains(T0, R(1)));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void At_capacity_the_oldest_leaves()
    {
        var cache = new DuplicateCache(2, TimeSpan.FromSeconds(10));
        cache.Add(T0, R(1), T0);
        cache.Add(T0, R(2), T0);
        cache.Add(T0, R(3), T0);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.Contains(T0, R(1)));
        Assert.True(cache.Contains(T0, R(3)));
    }
}
