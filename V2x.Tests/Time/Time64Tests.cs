using V2x.Time;

namespace V2x.Tests.Time;

/// <summary>Time64 = TAI microseconds since 2004-01-01T00:00:00Z (IEEE 1609.2-2016 §6.3.11), around leap seconds.</summary>
public sealed class Time64Tests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    public static TheoryData<string, DateTimeOffset, ulong> KnownRows => new()
    {
        // At the epoch TAI-UTC = 32 s, so Time64 starts at 0.
        { "epoch", Utc(2004, 1, 1), 0UL },
        // One leap second (end of 2005) lies between.
        { "2006-01-01", Utc(2006, 1, 1), ((ulong)(Utc(2006, 1, 1) - Utc(2004, 1, 1)).TotalSeconds + 1) * 1_000_000 },
        // Five leap seconds (2005, 2008, 2012, 2015, 2016) lie between: TAI-UTC 37 s from 2017.
        { "2017-01-01", Utc(2017, 1, 1), ((ulong)(Utc(2017, 1, 1) - Utc(2004, 1, 1)).TotalSeconds + 5) * 1_000_000 },
        { "2026-03-01", Utc(2026, 3, 1), ((ulong)(Utc(2026, 3, 1) - Utc(2004, 1, 1)).TotalSeconds + 5) * 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(KnownRows))]
    public void Converts_utc_to_tai_microseconds_and_back(string name, DateTimeOffset utc, ulong expected)
    {
        Assert.True(expected == Time64.FromUtc(utc).Microseconds, name);
        Assert.Equal(utc, new Time64(expected).ToUtc());
    }

    public static TheoryData<string, DateTimeOffset> LeapRows => new()
    {
        { "end 2016", Utc(2016, 12, 31, 23, 59, 59) },
        { "end 2015-06", Utc(2015, 6, 30, 23, 59, 59) },
        { "end 2012-06", Utc(2012, 6, 30, 23, 59, 59) },
        { "end 2008", Utc(2008, 12, 31, 23, 59, 59) },
        { "end 2005", Utc(2005, 12, 31, 23, 59, 59) },
    };

    [Theory]
    [MemberData(nameof(LeapRows))]
    public void Across_a_leap_second_one_utc_second_is_two_tai_seconds_and_both_sides_round_trip(string name, DateTimeOffset before)
    {
        var after = before.AddSeconds(1);
        var t0 = Time64.FromUtc(before);
        var t1 = Time64.FromUtc(after);
        Assert.True(t1.Since(t0) == TimeSpan.FromSeconds(2), name);
        Assert.Equal(before, t0.ToUtc());
        Assert.Equal(after, t1.ToUtc());
        Assert.Equal(before.AddMilliseconds(999.999), t0.Add(TimeSpan.FromMilliseconds(999.999)).ToUtc());

        // The inserted second 23:59:60 has no DateTimeOffset: it maps to the next second.
        Assert.Equal(after, t0.Add(TimeSpan.FromSeconds(1.5)).ToUtc());
    }

    [Fact]
    public void Every_hour_for_two_decades_round_trips()
    {
        for (var t = Utc(2004, 1, 1); t < Utc(2030, 1, 1); t = t.AddHours(7).AddMicroseconds(13))
        {
            Assert.Equal(t, Time64.FromUtc(t).ToUtc());
        }
    }

    [Theory]
    [InlineData("2^63 µs (year ~294 000)", 0x8000_0000_0000_0000UL)]
    [InlineData("2^58 µs (year ~11 100: ToUtc used to throw here)", 0x0400_0000_0000_0000UL)]
    [InlineData("the largest value", ulong.MaxValue)]
    public void Times_past_year_9999_from_the_air_saturate_instead_of_throwing(string name, ulong microseconds) =>
        Assert.True(new Time64(microseconds).ToUtc() == DateTimeOffset.MaxValue, name);

    private const ulong MaxSpanMicroseconds = (ulong)(long.MaxValue / TimeSpan.TicksPerMicrosecond);

    public static TheoryData<string, ulong, ulong, TimeSpan> SinceRows => new()
    {
        { "equal", 5, 5, TimeSpan.Zero },
        { "one microsecond later", 6, 5, TimeSpan.FromMicroseconds(1) },
        { "one microsecond earlier", 5, 6, TimeSpan.FromMicroseconds(-1) },
        { "zero since the largest value", 0, ulong.MaxValue, TimeSpan.MinValue },
        // The overflow the receivers had: (long)ulong.MaxValue - now wrapped to about -22 years, passing every "not ahead" check.
        { "the largest value since a 2026 clock", ulong.MaxValue, 700_000_000_000_000, TimeSpan.MaxValue },
        { "the largest value since zero", ulong.MaxValue, 0, TimeSpan.MaxValue },
        { "2^63 since zero (sign bit set)", 0x8000_0000_0000_0000UL, 0, TimeSpan.MaxValue },
        { "2^63 since 2^63 - 1", 0x8000_0000_0000_0000UL, 0x7FFF_FFFF_FFFF_FFFFUL, TimeSpan.FromMicroseconds(1) },
        { "the largest TimeSpan exactly", MaxSpanMicroseconds, 0, TimeSpan.FromTicks((long)MaxSpanMicroseconds * TimeSpan.TicksPerMicrosecond) },
        { "one past the largest TimeSpan", MaxSpanMicroseconds + 1, 0, TimeSpan.MaxValue },
        { "the most negative TimeSpan exactly", 0, MaxSpanMicroseconds, TimeSpan.FromTicks(-(long)MaxSpanMicroseconds * TimeSpan.TicksPerMicrosecond) },
        { "one past the most negative TimeSpan", 0, MaxSpanMicroseconds + 1, TimeSpan.MinValue },
    };

    [Theory]
    [MemberData(nameof(SinceRows))]
    public void Since_is_exact_and_saturates_instead_of_wrapping(string name, ulong later, ulong earlier, TimeSpan expected) =>
        Assert.True(expected == new Time64(later).Since(new Time64(earlier)), $"{name}: {new Time64(later).Since(new Time64(earlier))}");

    [Fact]
    public void Instants_before_the_epoch_are_caller_mistakes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Time64.FromUtc(Utc(2003, 12, 31)));
    }

    [Fact]
    public void Time32_counts_tai_seconds_like_time64()
    {
        var utc = Utc(2026, 1, 1);
        Assert.Equal(Time64.FromUtc(utc).Microseconds / 1_000_000, Time32.FromUtc(utc).Seconds);
        Assert.Equal(utc, Time32.FromUtc(utc).ToUtc());
    }
}
