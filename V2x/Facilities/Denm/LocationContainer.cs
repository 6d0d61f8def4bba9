using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, LocationContainer: <c>SEQUENCE { eventSpeed Speed OPTIONAL,
/// eventPositionHeading Heading OPTIONAL, traces Traces, roadType RoadType OPTIONAL, ... }</c>,
/// Traces being <c>SEQUENCE SIZE(1..7) OF PathHistory</c> (ETSI TS 102 894-2 v1.3.1 Annex A).
/// </summary>
public sealed record LocationContainer(
    SequenceOf<PathHistory> Traces,
    Speed? EventSpeed = null,
    Heading? EventPositionHeading = null,
    RoadType? RoadType = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(EventSpeed.HasValue);
        w.WriteBit(EventPositionHeading.HasValue);
        w.WriteBit(RoadType.HasValue);
        if (EventSpeed is { } speed)
        {
            using (w.Field("eventSpeed"))
            {
                speed.Encode(w);
            }
        }

        if (EventPositionHeading is { } heading)
        {
            using (w.Field("eventPositionHeading"))
            {
                heading.Encode(w);
            }
        }

        w.WriteSequenceOf(Traces, 1, 7, false, static (iw, h) =>
        {
            iw.Require(h, "pathHistory");
            h.Encode(iw, "pathHistory");
        }, "traces");
        if (RoadType is { } roadType)
        {
            EnumCodec.Write(w, roadType, 4, false, "roadType");
        }
    }

    internal static LocationContainer Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasSpeed = r.ReadBit("eventSpeed-present");
        var hasHeading = r.ReadBit("eventPositionHeading-present");
        var hasRoadType = r.ReadBit("roadType-present");
        Speed? speed = null;
        if (hasSpeed)
        {
            using (r.Field("eventSpeed"))
            {
                speed = Speed.Decode(r);
            }
        }

        Heading? heading = null;
        if (hasHeading)
        {
            using (r.Field("eventPositionHeading"))
            {
                heading = Heading.Decode(r);
            }
        }

        var traces = r.ReadSequenceOf(1, 7, false, static ir => PathHistory.Decode(ir, "pathHistory"), "traces");
        RoadType? roadType = hasRoadType ? EnumCodec.Read<RoadType>(r, 4, "roadType") : null;
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new LocationContainer(traces, speed, heading, roadType);
    }
}
