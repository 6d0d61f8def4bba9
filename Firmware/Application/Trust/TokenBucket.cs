namespace Firmware.Application.Trust;

/// <summary>
/// A token bucket (RFC 2697's committed rate and burst, one colour): at most <c>burst</c> operations at once and
/// <c>rate</c> per second on average, on the receiver's clock. A value type so per-ticket buckets cost no
/// allocation; the caller passes the rate and burst on every call. Not thread-safe.
/// </summary>
internal struct TokenBucket
{
    private double _tokens;
    private long _updatedTicks;
    private bool _started;

    /// <summary>
    /// Takes one token when more than <paramref name="keep"/> are left after refilling to <paramref name="now"/>
    /// (a bucket starts full); returns whether it took one.
    /// </summary>
    public bool TryTake(double ratePerSecond, double burst, DateTimeOffset now, double keep = 0)
    {
        Refill(ratePerSecond, burst, now);
        if (_tokens - 1 < keep)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>The tokens held at <paramref name="now"/>.</summary>
    public double Available(double ratePerSecond, double burst, DateTimeOffset now)
    {
        Refill(ratePerSecond, burst, now);
        return _tokens;
    }

    private void Refill(double ratePerSecond, double burst, DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (!_started)
        {
            _started = true;
            _tokens = burst;
            _updatedTicks = ticks;
            return;
        }

        if (ticks > _updatedTicks)
        {
            _tokens = Math.Min(burst, _tokens + (ratePerSecond * (ticks - _updatedTicks) / TimeSpan.TicksPerSecond));
            _updatedTicks = ticks;
        }
    }
}
