using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_TimestampIts: <c>INTEGER (0..4398046511103)</c>, the number
/// of milliseconds since 2004-01-01T00:00:00.000Z.
/// </summary>
/// <remarks>
/// v1.3.1 counts milliseconds on the UTC time line; later editions of the CDD count TAI
/// milliseconds, which differ by the leap seconds inserted since 2004. <see cref="FromUtc"/> takes
/// that difference as an explicit argument (zero for the UTC reading): the leap-second table lives
/// in the time component, not here.
/// </remarks>
public readonly record struct TimestampIts(long Milliseconds)
{
    public const long MaxMilliseconds = 4398046511103;

    /// <summary>2004-01-01T00:00:00Z, the epoch of TimestampIts and of GeoNetworking timestamps.</summary>
    public static readonly DateTimeOffset Epoch = new(2004, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The timestamp of the UTC instant <paramref name="utc"/>, plus <paramref name="leapSecondsSince2004"/>
    /// (the leap seconds inserted between 2004 and that instant, for TAI-based counting; zero otherwise).
    /// </summary>
    public static TimestampIts FromUtc(DateTimeOffset utc, TimeSpan leapSecondsSince2004)
    {
        var milliseconds = (long)Math.Floor((utc - Epoch + leapSecondsSince2004).TotalMilliseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(utc));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, MaxMilliseconds, nameof(utc));
        return new TimestampIts(milliseconds);
    }

    /// <summary>The UTC instant, removing <paramref name="leapSecondsSince2004"/> again.</summary>
    public DateTimeOffset ToUtc(TimeSpan leapSecondsSince2004) =>
        Epoch + TimeSpan.FromMilliseconds(Milliseconds) - leapSecondsSince2004;

    internal void Encode(UperWriter w, string name) =>
        w.WriteConstrainedWholeNumber(Milliseconds, 0, MaxMilliseconds, name);

    internal static TimestampIts Decode(UperReader r, string name) =>
        new(r.ReadConstrainedWholeNumber(0, MaxMilliseconds, name));
}
