using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, RoadWorksContainerExtended: nine optional components, no
/// extension marker. RestrictedTypes is <c>SEQUENCE (SIZE(1..3, ...)) OF StationType</c>,
/// ItineraryPath <c>SEQUENCE SIZE(1..40) OF ReferencePosition</c>, ReferenceDenms
/// <c>SEQUENCE (SIZE(1..8, ...)) OF ActionID</c> and SpeedLimit <c>INTEGER (1..255)</c> km/h.
/// </summary>
public sealed record RoadWorksContainerExtended(
    LightBarSirenInUse? LightBarSirenInUse = null,
    ClosedLanes? ClosedLanes = null,
    SequenceOf<StationType>? Restriction = null,
    int? SpeedLimitKilometresPerHour = null,
    CauseCode? IncidentIndication = null,
    SequenceOf<ReferencePosition>? RecommendedPath = null,
    DeltaReferencePosition? StartingPointSpeedLimit = null,
    TrafficRule? TrafficFlowRule = null,
    SequenceOf<ActionId>? ReferenceDenms = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(LightBarSirenInUse.HasValue);
        w.WriteBit(ClosedLanes is not null);
        w.WriteBit(Restriction is not null);
        w.WriteBit(SpeedLimitKilometresPerHour.HasValue);
        w.WriteBit(IncidentIndication.HasValue);
        w.WriteBit(RecommendedPath is not null);
        w.WriteBit(StartingPointSpeedLimit.HasValue);
        w.WriteBit(TrafficFlowRule.HasValue);
        w.WriteBit(ReferenceDenms is not null);
        if (LightBarSirenInUse is { } lightBar)
        {
            w.WriteFixedBits((byte)lightBar, 2, "lightBarSirenInUse");
        }

        if (ClosedLanes is { } lanes)
        {
            using (w.Field("closedLanes"))
            {
                lanes.Encode(w);
            }
        }

        if (Restriction is { } restriction)
        {
            w.WriteSequenceOf(restriction, 1, 3, true, static (iw, t) => iw.WriteConstrainedWholeNumber((byte)t, 0, 255, "stationType"), "restriction");
        }

        if (SpeedLimitKilometresPerHour is { } limit)
        {
            w.WriteConstrainedWholeNumber(limit, 1, 255, "speedLimit");
        }

        if (IncidentIndication is { } incident)
        {
            using (w.Field("incidentIndication"))
            {
                incident.Encode(w);
            }
        }

        if (RecommendedPath is { } path)
        {
            w.WriteSequenceOf(path, 1, 40, false, static (iw, p) => p.Encode(iw), "recommendedPath");
        }

        if (StartingPointSpeedLimit is { } start)
        {
            using (w.Field("startingPointSpeedLimit"))
            {
                start.Encode(w);
            }
        }

        if (TrafficFlowRule is { } rule)
        {
            EnumCodec.Write(w, rule, 4, true, "trafficFlowRule");
        }

        if (ReferenceDenms is { } references)
        {
            w.WriteSequenceOf(references, 1, 8, true, static (iw, a) => a.Encode(iw), "referenceDenms");
        }
    }

    internal static RoadWorksContainerExtended Decode(UperReader r)
    {
        var present = new bool[9];
        for (var i = 0; i < present.Length; i++)
        {
            present[i] = r.ReadBit("optional-bitmap");
        }

        LightBarSirenInUse? lightBar = present[0] ? (LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse") : null;
        ClosedLanes? lanes = null;
        if (present[1])
        {
            using (r.Field("closedLanes"))
            {
                lanes = ItsContainer.ClosedLanes.Decode(r);
            }
        }

        var restriction = present[2]
            ? r.ReadSequenceOf(1, 3, true, static ir => (StationType)ir.ReadConstrainedWholeNumber(0, 255, "stationType"), "restriction")
            : null;
        int? limit = present[3] ? (int)r.ReadConstrainedWholeNumber(1, 255, "speedLimit") : null;
        CauseCode? incident = null;
        if (present[4])
        {
            using (r.Field("incidentIndication"))
            {
                incident = CauseCode.Decode(r);
            }
        }

        var path = present[5] ? r.ReadSequenceOf(1, 40, false, ReferencePosition.Decode, "recommendedPath") : null;
        DeltaReferencePosition? start = null;
        if (present[6])
        {
            using (r.Field("startingPointSpeedLimit"))
            {
                start = DeltaReferencePosition.Decode(r);
            }
        }

        TrafficRule? rule = present[7] ? EnumCodec.Read<TrafficRule>(r, 4, true, 0, "trafficFlowRule") : null;
        var references = present[8] ? r.ReadSequenceOf(1, 8, true, ActionId.Decode, "referenceDenms") : null;
        return new RoadWorksContainerExtended(lightBar, lanes, restriction, limit, incident, path, start, rule, references);
    }
}
