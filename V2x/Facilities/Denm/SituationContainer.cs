using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, SituationContainer: <c>SEQUENCE { informationQuality
/// InformationQuality (INTEGER (0..7)), eventType CauseCode, linkedCause CauseCode OPTIONAL,
/// eventHistory EventHistory OPTIONAL, ... }</c>, EventHistory being <c>SEQUENCE (SIZE(1..23)) OF EventPoint</c>.
/// </summary>
public sealed record SituationContainer(
    byte InformationQuality,
    CauseCode EventType,
    CauseCode? LinkedCause = null,
    SequenceOf<EventPoint>? EventHistory = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(LinkedCause.HasValue);
        w.WriteBit(EventHistory is not null);
        w.WriteConstrainedWholeNumber(InformationQuality, 0, 7, "informationQuality");
        using (w.Field("eventType"))
        {
            EventType.Encode(w);
        }

        if (LinkedCause is { } linked)
        {
            using (w.Field("linkedCause"))
            {
                linked.Encode(w);
            }
        }

        if (EventHistory is { } history)
        {
            w.WriteSequenceOf(history, 1, 23, false, static (iw, p) => p.Encode(iw), "eventHistory");
        }
    }

    internal static SituationContainer Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasLinked = r.ReadBit("linkedCause-present");
        var hasHistory = r.ReadBit("eventHistory-present");
        var quality = (byte)r.ReadConstrainedWholeNumber(0, 7, "informationQuality");
        CauseCode eventType;
        using (r.Field("eventType"))
        {
            eventType = CauseCode.Decode(r);
        }

        CauseCode? linked = null;
        if (hasLinked)
        {
            using (r.Field("linkedCause"))
            {
                linked = CauseCode.Decode(r);
            }
        }

        var history = hasHistory ? r.ReadSequenceOf(1, 23, false, EventPoint.Decode, "eventHistory") : null;
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new SituationContainer(quality, eventType, linked, history);
    }
}
