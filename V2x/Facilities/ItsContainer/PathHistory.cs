using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_PathHistory: <c>SEQUENCE (SIZE(0..40)) OF PathPoint</c>, the
/// most recent point first.
/// </summary>
public sealed record PathHistory(SequenceOf<PathPoint> Points)
{
    public const int MaxPoints = 40;

    /// <summary>A path history with no point.</summary>
    public static PathHistory Empty { get; } = new(SequenceOf<PathPoint>.Empty);

    internal void Encode(UperWriter w, string name) =>
        w.WriteSequenceOf(Points, 0, MaxPoints, false, static (iw, p) => p.Encode(iw), name);

    internal static PathHistory Decode(UperReader r, string name) =>
        new(r.ReadSequenceOf(0, MaxPoints, false, PathPoint.Decode, name));
}
