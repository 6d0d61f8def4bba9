using Hardware.Positioning.Sumo;

namespace Hardware.Tests.Positioning.Sumo;

/// <summary>The clock simulation time drives: it moves only when advanced, and fires timers at their due simulation times.</summary>
public class SimulationClockTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Stands_still_until_advanced()
    {
        var clock = new SimulationClock(Epoch);
        var t0 = clock.GetTimestamp();

        clock.AdvanceTo(TimeSpan.FromSeconds(2.5));

        Assert.Equal(Epoch + TimeSpan.FromSeconds(2.5), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.GetElapsedTime(t0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Timers_fire_in_due_order_at_their_due_times_and_periodic_ones_repeat()
    {
        var clock = new SimulationClock(Epoch);
        var fired = new System.Collections.Concurrent.ConcurrentQueue<(string Name, DateTimeOffset At)>();
        var all = new CountdownEvent(4);
        using var once = clock.CreateTimer(_ => { fired.Enqueue(("once", clock.GetUtcNow())); all.Signal(); }, null, TimeSpan.FromMilliseconds(250), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => { fired.Enqueue(("periodic", clock.GetUtcNow())); all.Signal(); }, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        using var later = clock.CreateTimer(_ => fired.Enqueue(("later", clock.GetUtcNow())), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.AdvanceTo(TimeSpan.FromMilliseconds(800));
        Assert.True(await Task.Run(() => all.Wait(Patience)));

        // Three periodic firings (0.1, 0.4, 0.7 s) and one single (0.25 s); the 5 s timer is still waiting. (Callbacks run on the
        // thread pool, so the time a callback reads is not asserted here; Task_delay_… checks the due instant.)
        Assert.Equal(3, fired.Count(f => f.Name == "periodic"));
        Assert.Single(fired, f => f.Name == "once");
        Assert.DoesNotContain(fired, f => f.Name == "later");
        Assert.Equal(2, clock.PendingTimers);
        all.Dispose();
    }

    [Fact]
    public async Task Task_delay_on_the_clock_completes_when_simulation_time_reaches_it()
    {
        var clock = new SimulationClock(Epoch);
        var delay = Task.Delay(TimeSpan.FromSeconds(1), clock);

        clock.AdvanceTo(TimeSpan.FromMilliseconds(900));
        Assert.False(delay.IsCompleted);
        clock.AdvanceTo(TimeSpan.FromMilliseconds(1000));

        await delay.WaitAsync(Patience);
    }

    [Fact]
    public void A_disposed_or_changed_timer_does_not_fire()
    {
        var clock = new SimulationClock(Epoch);
        var disposed = clock.CreateTimer(_ => throw new InvalidOperationException("disposed timer fired"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = clock.CreateTimer(_ => throw new InvalidOperationException("stopped timer fired"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        disposed.Dispose();
        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        clock.AdvanceTo(TimeSpan.FromSeconds(2));

        Assert.Equal(0, clock.PendingTimers);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
