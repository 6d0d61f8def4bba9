using Testing;

namespace Bench.Tests.Interop;

/// <summary>
/// The clock the bench corpus is recorded on (<see cref="SteppedClock"/>): every timer due in a step runs on the stepping
/// thread before <see cref="SteppedClock.Advance"/> returns, in due order, at its due time, however busily other threads
/// read the clock meanwhile (an OBU's own-revocation check, say, talking to the PKI over HTTP during the first steps).
/// </summary>
public sealed class SteppedClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timers_fire_in_the_step_in_due_order_at_their_due_time()
    {
        var clock = new SteppedClock(Start);
        var fired = new List<string>();
        using var period = clock.CreateTimer(_ => fired.Add($"period {(clock.GetUtcNow() - Start).TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        using var once = clock.CreateTimer(_ => fired.Add($"once {(clock.GetUtcNow() - Start).TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(150), Timeout.InfiniteTimeSpan);
        using var never = clock.CreateTimer(_ => fired.Add("never"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(new[] { "period 100", "once 150", "period 200", "period 300" }, fired);
        Assert.Equal(Start.AddMilliseconds(300), clock.GetUtcNow());
    }

    [Fact]
    public void Timers_due_together_fire_in_the_order_they_were_scheduled()
    {
        var clock = new SteppedClock(Start);
        var fired = new List<string>();
        using var scan = clock.CreateTimer(_ => fired.Add("scan"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var check = clock.CreateTimer(_ => fired.Add("check"), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // At 1 s both are due: the scan was scheduled at 0, the check at 900 ms.
        Assert.Equal(Enumerable.Repeat("check", 9).Append("scan").Append("check"), fired);
    }

    [Fact]
    public void A_disposed_or_changed_timer_follows_its_new_schedule()
    {
        var clock = new SteppedClock(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, count);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, count);

        timer.Change(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, count);
        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Readers_on_other_threads_never_take_a_step_s_timers()
    {
        var clock = new SteppedClock(Start);
        var stepper = Environment.CurrentManagedThreadId;
        var elsewhere = 0;
        var fired = 0;
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                clock.GetUtcNow();
            }
        });
        reader.Start();
        try
        {
            using var check = clock.CreateTimer(_ =>
            {
                fired++;
                if (Environment.CurrentManagedThreadId != stepper)
                {
                    Interlocked.Increment(ref elsewhere);
                }
            }, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
            for (var i = 1; i <= 1000; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                Assert.Equal(i, fired);
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }

        Assert.Equal(0, elsewhere);
    }
}
