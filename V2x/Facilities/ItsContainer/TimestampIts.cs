using V2x.Per;
using V2x.Time;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_TimestampIts: <c>INTEGER (0..4398046511103)</c>, the number
/// of milliseconds since 2004-01-01T00:00:00.000Z.
/// </summary>
/// <remarks>
/// Counted on the TAI time line, as TS 102 894-2 v2.1.1 states ("elapsed (TAI) milliseconds since the ITS
/// epoch") and as the GeoNetworking TST and IEEE 1609.2 Time64 of the same frame are: UTC elapsed time
/// plus the leap seconds inserted since 2004, taken from the one table in <see cref="LeapSeconds"/>.
/// v1.3.1 does not say which time line it counts on.
/// </remarks>
public readonly record struct TimestampIts(long Milliseconds)
{
    public const long MaxMilliseconds = 4398046511103;

    /// <summary>From a Time64 (TAI µs since 2004), truncated to the millisecond.</summary>
    public static TimestampIts FromTime64(Time64 time)
    {
        var milliseconds = (long)(time.Microseconds / 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, MaxMilliseconds, nameof(time));
        return new TimestampIts(milliseconds);
    }

    /// <summary>The timestamp of the UTC instant <paramref name="utc"/> (on or after 2004-01-01).</summary>
    public static TimestampIts FromUtc(DateTimeOffset utc) => FromTime64(Time64.FromUtc(utc));

    /// <summary>This timestamp as a Time64.</summary>
    public Time64 ToTime64() => new((ulong)Milliseconds * 1000);

    /// <summary>The UTC instant (an instant inside an inserted leap second maps to the next second).</summary>
    public DateTimeOffset ToUtc() => ToTime64().ToUtc();

    internal void Encode(UperWriter w, string name) =>
        w.WriteConstrainedWholeNumber(Milliseconds, 0, MaxMilliseconds, name);

    internal static TimestampIts Decode(UperReader r, string name) =>
        new(r.ReadConstrainedWholeNumber(0, MaxMilliseconds, name));
}
