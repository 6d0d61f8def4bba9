using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, SafetyCarContainer: <c>SEQUENCE { lightBarSirenInUse,
/// incidentIndication CauseCode OPTIONAL, trafficRule TrafficRule OPTIONAL, speedLimit SpeedLimit
/// OPTIONAL }</c>, SpeedLimit being <c>INTEGER (1..255)</c> in km/h.
/// </summary>
public sealed record SafetyCarContainer(
    LightBarSirenInUse LightBarSirenInUse,
    CauseCode? IncidentIndication = null,
    TrafficRule? TrafficRule = null,
    int? SpeedLimitKilometresPerHour = null) : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 6;

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(IncidentIndication.HasValue);
        w.WriteBit(TrafficRule.HasValue);
        w.WriteBit(SpeedLimitKilometresPerHour.HasValue);
        w.WriteFixedBits((byte)LightBarSirenInUse, 2, "lightBarSirenInUse");
        if (IncidentIndication is { } incident)
        {
            using (w.Field("incidentIndication"))
            {
                incident.Encode(w);
            }
        }

        if (TrafficRule is { } rule)
        {
            EnumCodec.Write(w, rule, 4, true, "trafficRule");
        }

        if (SpeedLimitKilometresPerHour is { } limit)
        {
            w.WriteConstrainedWholeNumber(limit, 1, 255, "speedLimit");
        }
    }

    internal static SafetyCarContainer DecodeValue(UperReader r)
    {
        var hasIncident = r.ReadBit("incidentIndication-present");
        var hasRule = r.ReadBit("trafficRule-present");
        var hasLimit = r.ReadBit("speedLimit-present");
        var lightBar = (LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse");
        CauseCode? incident = null;
        if (hasIncident)
        {
            using (r.Field("incidentIndication"))
            {
                incident = CauseCode.Decode(r);
            }
        }

        TrafficRule? rule = hasRule ? EnumCodec.Read<TrafficRule>(r, 4, true, 0, "trafficRule") : null;
        int? limit = hasLimit ? (int)r.ReadConstrainedWholeNumber(1, 255, "speedLimit") : null;
        return new SafetyCarContainer(lightBar, incident, rule, limit);
    }
}
