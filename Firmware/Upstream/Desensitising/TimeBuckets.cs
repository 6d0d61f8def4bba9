namespace Firmware.Upstream.Desensitising;

/// <summary>Coarse time (ITU-T X.1382 §7.3): instants floored to a bucket counted from the Unix epoch.</summary>
public static class TimeBuckets
{
    /// <summary>The start of the bucket holding <paramref name="time"/>, in UTC.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan bucket)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket, TimeSpan.Zero);
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var rest = ticks % bucket.Ticks;
        if (rest < 0)
        {
            rest += bucket.Ticks;
        }

        return new DateTimeOffset(time.UtcTicks - rest, TimeSpan.Zero);
    }
}
