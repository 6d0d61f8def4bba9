namespace V2x.Time;

/// <summary>
/// TAI−UTC since the IEEE 1609.2 epoch (2004-01-01T00:00:00Z), from the IERS Bulletin C
/// announcements (leap seconds inserted at the end of 2005-12-31, 2008-12-31, 2012-06-30,
/// 2015-06-30 and 2016-12-31). IERS Bulletin C 70 (2025) announced no leap second before 2026-07.
/// </summary>
public static class LeapSeconds
{
    /// <summary>TAI−UTC at the epoch: 32 s (in force from 1999-01-01).</summary>
    public const int TaiMinusUtcAtEpochSeconds = 32;

    // UTC instants from which TAI−UTC takes the paired value (IERS Bulletin C).
    private static readonly (DateTimeOffset FromUtc, int TaiMinusUtcSeconds)[] Table =
    [
        (new DateTimeOffset(2004, 1, 1, 0, 0, 0, TimeSpan.Zero), 32),
        (new DateTimeOffset(2006, 1, 1, 0, 0, 0, TimeSpan.Zero), 33),
        (new DateTimeOffset(2009, 1, 1, 0, 0, 0, TimeSpan.Zero), 34),
        (new DateTimeOffset(2012, 7, 1, 0, 0, 0, TimeSpan.Zero), 35),
        (new DateTimeOffset(2015, 7, 1, 0, 0, 0, TimeSpan.Zero), 36),
        (new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), 37),
    ];

    /// <summary>TAI−UTC in force at a UTC instant on or after the epoch.</summary>
    public static TimeSpan TaiMinusUtc(DateTimeOffset utc)
    {
        var value = Table[0].TaiMinusUtcSeconds;
        foreach (var (from, seconds) in Table)
        {
            if (utc >= from)
            {
                value = seconds;
            }
        }

        return TimeSpan.FromSeconds(value);
    }

    /// <summary>Leap seconds inserted between the epoch and <paramref name="utc"/>.</summary>
    public static TimeSpan InsertedSinceEpoch(DateTimeOffset utc) =>
        TaiMinusUtc(utc) - TimeSpan.FromSeconds(TaiMinusUtcAtEpochSeconds);

    /// <summary>
    /// Converts seconds of TAI elapsed since the epoch to the UTC instant. A TAI second that falls
    /// inside an inserted leap second (UTC 23:59:60, which <see cref="DateTimeOffset"/> cannot
    /// represent) maps to the first instant after it.
    /// </summary>
    internal static DateTimeOffset UtcFromElapsedTai(TimeSpan taiElapsed)
    {
        var epoch = Table[0].FromUtc;
        var offset = TimeSpan.Zero;
        for (var i = 1; i < Table.Length; i++)
        {
            // TAI elapsed at which this table row starts: its UTC elapsed plus the leaps before it,
            // plus the inserted second itself.
            var rowUtcElapsed = Table[i].FromUtc - epoch;
            var rowTaiStart = rowUtcElapsed + TimeSpan.FromSeconds(Table[i].TaiMinusUtcSeconds - TaiMinusUtcAtEpochSeconds);
            if (taiElapsed >= rowTaiStart)
            {
                offset = TimeSpan.FromSeconds(Table[i].TaiMinusUtcSeconds - TaiMinusUtcAtEpochSeconds);
            }
            else if (taiElapsed >= rowTaiStart - TimeSpan.FromSeconds(1))
            {
                // Inside the inserted second 23:59:60: no UTC representation; round up.
                return Table[i].FromUtc;
            }
        }

        return epoch + (taiElapsed - offset);
    }
}
