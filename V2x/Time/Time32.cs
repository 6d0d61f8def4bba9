namespace V2x.Time;

/// <summary>
/// IEEE 1609.2 Time32 (IEEE 1609.2-2016 §6.3 base types, Time32 ::= Uint32): seconds of International Atomic
/// Time elapsed since 2004-01-01T00:00:00Z, used in certificate validity periods.
/// </summary>
public readonly record struct Time32(uint Seconds) : IComparable<Time32>
{
    /// <summary>The Time32 of a UTC instant (truncated to whole seconds).</summary>
    public static Time32 FromUtc(DateTimeOffset utc)
    {
        var t64 = Time64.FromUtc(utc);
        var seconds = t64.Microseconds / 1_000_000UL;
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(utc), "Time32 ends in 2140");
        }

        return new Time32((uint)seconds);
    }

    /// <summary>This instant as a Time64.</summary>
    public Time64 ToTime64() => new(Seconds * 1_000_000UL);

    /// <summary>The UTC instant.</summary>
    public DateTimeOffset ToUtc() => ToTime64().ToUtc();

    public int CompareTo(Time32 other) => Seconds.CompareTo(other.Seconds);

    public static bool operator <(Time32 left, Time32 right) => left.Seconds < right.Seconds;

    public static bool operator >(Time32 left, Time32 right) => left.Seconds > right.Seconds;

    public static bool operator <=(Time32 left, Time32 right) => left.Seconds <= right.Seconds;

    public static bool operator >=(Time32 left, Time32 right) => left.Seconds >= right.Seconds;
}
