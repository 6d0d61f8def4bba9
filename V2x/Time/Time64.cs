namespace V2x.Time;

/// <summary>
/// IEEE 1609.2 Time64 (IEEE 1609.2-2016 §6.3.11, Time64 ::= Uint64): microseconds of International
/// Atomic Time elapsed since 2004-01-01T00:00:00Z. Unlike UTC it counts leap seconds, so converting
/// from and to <see cref="DateTimeOffset"/> goes through <see cref="LeapSeconds"/>.
/// </summary>
public readonly record struct Time64(ulong Microseconds) : IComparable<Time64>
{
    /// <summary>The 1609.2 epoch, 2004-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset EpochUtc = new(2004, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The Time64 of a UTC instant (truncated to whole microseconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is before the epoch.</exception>
    public static Time64 FromUtc(DateTimeOffset utc)
    {
        if (utc < EpochUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(utc), "Time64 cannot represent instants before 2004-01-01T00:00:00Z");
        }

        var tai = (utc - EpochUtc) + LeapSeconds.InsertedSinceEpoch(utc);
        return new Time64((ulong)(tai.Ticks / TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>The current Time64 of a clock.</summary>
    public static Time64 Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return FromUtc(clock.GetUtcNow());
    }

    private static readonly ulong MaxUtcMicroseconds = (ulong)((DateTimeOffset.MaxValue.AddYears(-1) - EpochUtc).Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>The UTC instant (an instant inside an inserted leap second maps to the next second).</summary>
    public DateTimeOffset ToUtc()
    {
        // Past the last year DateTimeOffset holds (9999; the year of margin covers the leap-second offset),
        // a Time64 from the air (any 64-bit value) has no DateTimeOffset: it saturates instead of throwing.
        if (Microseconds > MaxUtcMicroseconds)
        {
            return DateTimeOffset.MaxValue;
        }

        var tai = TimeSpan.FromTicks((long)Microseconds * TimeSpan.TicksPerMicrosecond);
        var utc = LeapSeconds.UtcFromElapsedTai(tai);
        return utc > DateTimeOffset.MaxValue.AddYears(-1) ? DateTimeOffset.MaxValue : utc;
    }

    /// <summary>This instant plus a duration (TAI has no leap seconds, so this is plain addition).</summary>
    public Time64 Add(TimeSpan duration) =>
        new(checked((ulong)((long)Microseconds + (duration.Ticks / TimeSpan.TicksPerMicrosecond))));

    private const ulong MaxSpanMicroseconds = (ulong)(long.MaxValue / TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// Elapsed time from <paramref name="earlier"/> to this instant (negative when <paramref name="earlier"/> is
    /// later). The difference is exact; past what a <see cref="TimeSpan"/> holds (about ±29 000 years) it saturates
    /// to <see cref="TimeSpan.MaxValue"/> or <see cref="TimeSpan.MinValue"/>, so a hostile 64-bit value from the air
    /// (IEEE 1609.2-2016 §6.3.11: any Uint64) never wraps into a small or negative skew.
    /// </summary>
    public TimeSpan Since(Time64 earlier)
    {
        if (Microseconds >= earlier.Microseconds)
        {
            var ahead = Microseconds - earlier.Microseconds;
            return ahead > MaxSpanMicroseconds ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ahead * TimeSpan.TicksPerMicrosecond);
        }

        var behind = earlier.Microseconds - Microseconds;
        return behind > MaxSpanMicroseconds ? TimeSpan.MinValue : TimeSpan.FromTicks(-(long)behind * TimeSpan.TicksPerMicrosecond);
    }

    public int CompareTo(Time64 other) => Microseconds.CompareTo(other.Microseconds);

    public static bool operator <(Time64 left, Time64 right) => left.Microseconds < right.Microseconds;

    public static bool operator >(Time64 left, Time64 right) => left.Microseconds > right.Microseconds;

    public static bool operator <=(Time64 left, Time64 right) => left.Microseconds <= right.Microseconds;

    public static bool operator >=(Time64 left, Time64 right) => left.Microseconds >= right.Microseconds;

    public override string ToString() => $"{Microseconds} µs TAI ({ToUtc():O})";
}
