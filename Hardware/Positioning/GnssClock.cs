namespace Hardware.Positioning;

/// <summary>
/// A clock disciplined by GNSS fixes: the local clock's monotonic time plus an offset learnt from fix times (each
/// fix's time against the local time it arrived; each agreeing fix updates it, so slow drift is followed). It becomes synchronised once <see cref="GnssClockOptions.ConfirmingFixes"/>
/// consecutive fixes agree within <see cref="GnssClockOptions.Bound"/>; a fix that disagrees by more than the bound is
/// a step and the clock is not synchronised until the new offset is confirmed the same way; without fixes it stays
/// synchronised for the holdover. Until it was first synchronised it reads the local clock. Timers and timestamps
/// are the local clock's (durations do not depend on the offset). The secure partition signs with this clock, so
/// generationTime (IEEE 1609.2-2016 §6.3.9, Time64 in TAI) and the GeoNetworking timestamp (EN 302 636-4-1 v1.4.1
/// §9.5.2) come from GNSS time. Thread-safe.
/// </summary>
public sealed class GnssClock : TimeProvider
{
    private readonly TimeProvider _local;
    private readonly GnssClockOptions _options;
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _candidates = [];
    private TimeSpan? _offset;
    private long _lastAgreement;
    private bool _synchronised;
    private long _steps;

    /// <summary>Creates a clock on the local one.</summary>
    public GnssClock(TimeProvider local, GnssClockOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        options ??= new GnssClockOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Bound, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConfirmingFixes, 1, nameof(options));
        _local = local;
        _options = options;
    }

    /// <summary>Raised when <see cref="IsSynchronised"/> changes (true: synchronised).</summary>
    public event Action<bool>? SynchronisationChanged;

    /// <summary>A step was detected: the fix's disagreement with the synchronised clock (fix time minus clock time).</summary>
    public event Action<TimeSpan>? StepDetected;

    /// <summary>Steps detected so far (a fix disagreeing with a synchronised clock by more than the bound).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>The local clock under this one (fix ages are measured on it: they do not jump with the offset).</summary>
    public TimeProvider Local => _local;

    /// <summary>The bound.</summary>
    public TimeSpan Bound => _options.Bound;

    /// <summary>Whether the clock agrees with GNSS time within the bound now.</summary>
    public bool IsSynchronised
    {
        get
        {
            lock (_lock)
            {
                return SynchronisedNow();
            }
        }
    }

    /// <summary>The offset in force (GNSS time minus local time), if the clock was ever synchronised.</summary>
    public TimeSpan? Offset
    {
        get
        {
            lock (_lock)
            {
                return _offset;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => _local.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _offset is { } o ? _local.GetUtcNow() + o : _local.GetUtcNow();
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => _local.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Takes a fix's time, received now on the local clock. Invalid fixes carry no time and are ignored.</summary>
    public void Observe(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (!fix.IsValid)
        {
            return;
        }

        bool? changed = null;
        TimeSpan? stepped = null;
        lock (_lock)
        {
            var before = SynchronisedNow();
            var sample = fix.FixTime - _local.GetUtcNow();
            if (_offset is { } current && (sample - current).Duration() <= _options.Bound)
            {
                // Agrees with the clock in force: it stays (or is again, after a holdover ran out) synchronised, and
                // follows the fix (a receiver's output latency and the local oscillator drift slowly; a step does not).
                _offset = sample;
                _candidates.Clear();
                _synchronised = true;
                _lastAgreement = _local.GetTimestamp();
            }
            else
            {
                if (_offset is { } previous && _synchronised)
                {
                    Interlocked.Increment(ref _steps);
                    stepped = sample - previous;
                }

                _synchronised = false;
                if (_candidates.Count > 0 && (sample - _candidates[^1]).Duration() > _options.Bound)
                {
                    _candidates.Clear();
                }

                _candidates.Add(sample);
                if (_candidates.Count >= _options.ConfirmingFixes)
                {
                    _offset = _candidates[^1];
                    _candidates.Clear();
                    _synchronised = true;
                    _lastAgreement = _local.GetTimestamp();
                }
            }

            var after = SynchronisedNow();
            if (after != before)
            {
                changed = after;
            }
        }

        if (stepped is { } d)
        {
            StepDetected?.Invoke(d);
        }

        if (changed is { } c)
        {
            SynchronisationChanged?.Invoke(c);
        }
    }

    private bool SynchronisedNow() => _synchronised && _local.GetElapsedTime(_lastAgreement) <= _options.Holdover;
}
