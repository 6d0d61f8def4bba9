namespace Cti.Tests.Taxii;

/// <summary>
/// Virtual time for a client that waits: a timer due within <see cref="HoldAtOrAbove"/> moves the
/// clock forward by its due time and fires at once (on the thread pool), so a retry schedule runs
/// instantly and deterministically; longer timers (attempt timeouts) are held until the test fires
/// them with <see cref="FireHeld"/>. No real time passes.
/// </summary>
internal sealed class VirtualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<VirtualTimer> _held = [];
    private DateTimeOffset _now;

    public VirtualTimeProvider(DateTimeOffset start, TimeSpan holdAtOrAbove)
    {
        _now = start;
        HoldAtOrAbove = holdAtOrAbove;
    }

    public TimeSpan HoldAtOrAbove { get; }

    /// <summary>Every short wait the client asked for, in order.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires the held (long) timers, moving the clock to the latest of their due times.</summary>
    public void FireHeld()
    {
        List<VirtualTimer> due;
        lock (_gate)
        {
            due = [.. _held];
            _held.Clear();
            var longest = due.Count == 0 ? TimeSpan.Zero : due.Max(t => t.Due);
            _now += longest;
        }

        foreach (var t in due)
        {
            t.Fire();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan due)
    {
        lock (_gate)
        {
            _held.Remove(timer);
            if (due == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            if (due >= HoldAtOrAbove)
            {
                _held.Add(timer);
                return;
            }

            _now += due;
            Waits.Add(due);
        }

        ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    private void Cancel(VirtualTimer timer)
    {
        lock (_gate)
        {
            _held.Remove(timer);
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public TimeSpan Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            Due = dueTime;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
