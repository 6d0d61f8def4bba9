namespace Testing;

/// <summary>
/// A clock only its stepper moves, whose timers fire only inside <see cref="Advance"/>, on the stepping thread, in
/// due-time order (ties: the one scheduled earlier, then the one created earlier), the clock standing at each timer's
/// due time while its callback runs. Reading the clock (<see cref="GetUtcNow"/>, <see cref="GetTimestamp"/>) from any
/// thread has no side effect.
/// <para>
/// This is what a recording that must come out the same every run needs when other threads read the clock while it
/// is stepped (background work the stepper does not await, such as an OBU's HTTP exchanges with its PKI).
/// <c>FakeTimeProvider</c> (Microsoft.Extensions.TimeProvider.Testing 10.x) wakes its timers from <c>GetUtcNow</c> and
/// timer changes too, on whichever thread calls, behind one gate: an <c>Advance</c> that meets the gate taken by such a
/// reader returns without having run the callbacks now due, which then run on the reader's thread, or at the next step
/// with the clock a step further on.
/// </para>
/// </summary>
public sealed class SteppedClock : TimeProvider
{
    private readonly Lock _timers = new();
    private readonly Lock _stepping = new();
    private readonly List<Timer> _scheduled = [];
    private long _now;
    private long _created;

    /// <summary>A clock at <paramref name="start"/>.</summary>
    public SteppedClock(DateTimeOffset start)
    {
        _now = start.UtcTicks;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>One tick of <see cref="GetTimestamp"/> is one <see cref="TimeSpan"/> tick.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _now), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _now);

    /// <summary>
    /// Moves the clock <paramref name="delta"/> on, running every timer that falls due on the way (a periodic one as
    /// often as it falls due) before it returns. Timers created or changed by the callbacks take part. One stepper at a
    /// time; a callback must not step the clock itself.
    /// </summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_stepping)
        {
            var target = Interlocked.Read(ref _now) + delta.Ticks;
            while (true)
            {
                Timer? next = null;
                lock (_timers)
                {
                    foreach (var timer in _scheduled)
                    {
                        if (timer.Due <= target && (next is null || (timer.Due, timer.ScheduledAt, timer.Created).CompareTo((next.Due, next.ScheduledAt, next.Created)) < 0))
                        {
                            next = timer;
                        }
                    }

                    if (next is null)
                    {
                        Interlocked.Exchange(ref _now, target);
                        return;
                    }

                    Interlocked.Exchange(ref _now, Math.Max(next.Due, Interlocked.Read(ref _now)));
                    if (next.Period > 0)
                    {
                        next.ScheduledAt = next.Due;
                        next.Due += next.Period;
                    }
                    else
                    {
                        _scheduled.Remove(next);
                    }
                }

                next.Fire();
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(this, callback, state, Interlocked.Increment(ref _created));
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers)
        {
            _scheduled.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var now = Interlocked.Read(ref _now);
            timer.ScheduledAt = now;
            timer.Due = now + dueTime.Ticks;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : period.Ticks;
            _scheduled.Add(timer);
        }
    }

    private void Unschedule(Timer timer)
    {
        lock (_timers)
        {
            _scheduled.Remove(timer);
        }
    }

    private sealed class Timer(SteppedClock clock, TimerCallback callback, object? state, long created) : ITimer
    {
        private bool _disposed;

        public long Created { get; } = created;

        public long Due { get; set; }

        public long ScheduledAt { get; set; }

        public long Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }

            if (Volatile.Read(ref _disposed))
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!Volatile.Read(ref _disposed))
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            clock.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
