using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_PathPoint: <c>SEQUENCE { pathPosition DeltaReferencePosition,
/// pathDeltaTime PathDeltaTime OPTIONAL }</c>; the delta time is in units of 10 ms.
/// </summary>
public readonly record struct PathPoint(DeltaReferencePosition PathPosition, int? PathDeltaTimeTenMilliseconds = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(PathDeltaTimeTenMilliseconds.HasValue);
        using (w.Field("pathPosition"))
        {
            PathPosition.Encode(w);
        }

        if (PathDeltaTimeTenMilliseconds is { } delta)
        {
            PathDeltaTime.Encode(w, delta, "pathDeltaTime");
        }
    }

    internal static PathPoint Decode(UperReader r)
    {
        var hasDelta = r.ReadBit("pathDeltaTime-present");
        DeltaReferencePosition position;
        using (r.Field("pathPosition"))
        {
            position = DeltaReferencePosition.Decode(r);
        }

        return new PathPoint(position, hasDelta ? PathDeltaTime.Decode(r, "pathDeltaTime") : null);
    }
}
