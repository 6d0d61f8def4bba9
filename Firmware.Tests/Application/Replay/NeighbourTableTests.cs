using Firmware.Application.Replay;
using V2x.Security;

namespace Firmware.Tests.Application.Replay;

/// <summary>The bounded table of counter windows: a new ticket is a new window, the least recently heard leaves first, idle ones expire.</summary>
public sealed class NeighbourTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_ticket_starts_a_new_window_whatever_its_counter()
    {
        var table = new NeighbourTable(16, TimeSpan.FromMinutes(5));
        table.Accept(new HashedId8(1), 5_000_000, T0);

        // After a pseudonym change the partition draws a fresh random offset: the new counter may be far lower.
        Assert.Equal(CounterVerdict.First, table.Check(new HashedId8(2), 17, T0));
        table.Accept(new HashedId8(2), 17, T0);
        Assert.Equal(CounterVerdict.Duplicate, table.Check(new HashedId8(2), 17, T0));
        Assert.Equal(CounterVerdict.Ahead, table.Check(new HashedId8(1), 5_000_001, T0));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void When_full_the_least_recently_heard_sender_leaves()
    {
        var table = new NeighbourTable(3, TimeSpan.FromMinutes(5));
        table.Accept(new HashedId8(1), 10, T0);
        table.Accept(new HashedId8(2), 10, T0.AddSeconds(1));
        table.Accept(new HashedId8(3), 10, T0.AddSeconds(2));
        table.Accept(new HashedId8(1), 11, T0.AddSeconds(3));
        table.Accept(new HashedId8(4), 10, T0.AddSeconds(4));

        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.Evictions);
        Assert.False(table.TryGetWindow(new HashedId8(2), T0.AddSeconds(4), out _));
        Assert.True(table.TryGetWindow(new HashedId8(1), T0.AddSeconds(4), out var w1));
        Assert.Equal(11u, w1.Highest);
    }

    [Fact]
    public void A_sender_idle_past_the_timeout_is_forgotten()
    {
        var table = new NeighbourTable(8, TimeSpan.FromSeconds(60));
        table.Accept(new HashedId8(1), 10, T0);
        table.Accept(new HashedId8(2), 10, T0.AddSeconds(30));

        Assert.Equal(CounterVerdict.Duplicate, table.Check(new HashedId8(1), 10, T0.AddSeconds(60)));
        Assert.Equal(CounterVerdict.First, table.Check(new HashedId8(1), 10, T0.AddSeconds(61)));
        Assert.Equal(1, table.Sweep(T0.AddSeconds(61)));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Capacity_and_timeout_are_checked() 
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourTable(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourTable(1, TimeSpan.Zero));
    }
}
