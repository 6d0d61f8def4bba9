namespace Hardware.Positioning.Sumo;

/// <summary>
/// A clock driven by a simulation: it stands still until <see cref="AdvanceTo"/> moves it to the simulation time
/// reached (SUMO's steps), firing every timer that falls due on the way, in the order of their due times, each queued
/// with the clock standing at its due time. Callbacks run on the thread pool, as <see cref="TimeProvider.System"/>'s do, so
/// a callback that waits for the clock cannot stall the stepping (and one that reads the clock may find it a few steps
/// on). <c>Task.Delay(…, clock)</c> and timers created
/// on it follow simulation time; <see cref="GetTimestamp"/> too (ticks of simulation time).
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<SimulationTimer> _timers = [];
    private readonly DateTimeOffset _epoch;
    private long _elapsedTicks;

    /// <summary>A clock at <paramref name="epoch"/> (simulation time 0).</summary>
    public SimulationClock(DateTimeOffset epoch)
    {
        _epoch = epoch;
    }

    /// <summary>The instant of simulation time 0.</summary>
    public DateTimeOffset Epoch => _epoch;

    /// <summary>Simulation time reached.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <summary>Timers waiting (for tests and the bench's figures).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _epoch + Elapsed;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulationTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to <paramref name="elapsed"/> (simulation time since the epoch), firing the timers due by then.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Time would go backwards.</exception>
    public void AdvanceTo(TimeSpan elapsed)
    {
        if (elapsed < Elapsed)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsed), "Simulation time does not go backwards.");
        }

        while (true)
        {
            SimulationTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueTicks <= elapsed.Ticks).MinBy(t => t.DueTicks);
                if (due is null)
                {
                    Interlocked.Exchange(ref _elapsedTicks, elapsed.Ticks);
                    return;
                }

                Interlocked.Exchange(ref _elapsedTicks, Math.Max(due.DueTicks, _elapsedTicks));
                if (due.PeriodTicks > 0)
                {
                    due.DueTicks += due.PeriodTicks;
                }
                else
                {
                    _timers.Remove(due);
                }
            }

            due.Fire();
        }
    }

    private void Schedule(SimulationTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            timer.DueTicks = _elapsedTicks + dueTime.Ticks;
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
            _timers.Add(timer);
        }
    }

    private void Remove(SimulationTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class SimulationTimer(SimulationClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);

        public void Dispose()
        {
            _disposed = true;
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
