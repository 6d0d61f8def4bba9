using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_EventPoint: <c>SEQUENCE { eventPosition DeltaReferencePosition,
/// eventDeltaTime PathDeltaTime OPTIONAL, informationQuality InformationQuality }</c>, the delta
/// time in 10 ms and InformationQuality <c>INTEGER (0..7)</c>.
/// </summary>
public readonly record struct EventPoint(DeltaReferencePosition EventPosition, int? EventDeltaTimeTenMilliseconds, byte InformationQuality)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(EventDeltaTimeTenMilliseconds.HasValue);
        using (w.Field("eventPosition"))
        {
            EventPosition.Encode(w);
        }

        if (EventDeltaTimeTenMilliseconds is { } delta)
        {
            PathDeltaTime.Encode(w, delta, "eventDeltaTime");
        }

        w.WriteConstrainedWholeNumber(InformationQuality, 0, 7, "informationQuality");
    }

    internal static EventPoint Decode(UperReader r)
    {
        var hasDelta = r.ReadBit("eventDeltaTime-present");
        DeltaReferencePosition position;
        using (r.Field("eventPosition"))
        {
            position = DeltaReferencePosition.Decode(r);
        }

        int? delta = hasDelta ? PathDeltaTime.Decode(r, "eventDeltaTime") : null;
        return new EventPoint(position, delta, (byte)r.ReadConstrainedWholeNumber(0, 7, "informationQuality"));
    }
}
