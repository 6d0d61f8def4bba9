using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, EmergencyContainer: <c>SEQUENCE { lightBarSirenInUse,
/// incidentIndication CauseCode OPTIONAL, emergencyPriority EmergencyPriority OPTIONAL }</c>.
/// </summary>
public sealed record EmergencyContainer(LightBarSirenInUse LightBarSirenInUse, CauseCode? IncidentIndication = null, EmergencyPriority? EmergencyPriority = null)
    : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 5;

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(IncidentIndication.HasValue);
        w.WriteBit(EmergencyPriority.HasValue);
        w.WriteFixedBits((byte)LightBarSirenInUse, 2, "lightBarSirenInUse");
        if (IncidentIndication is { } incident)
        {
            using (w.Field("incidentIndication"))
            {
                incident.Encode(w);
            }
        }

        if (EmergencyPriority is { } priority)
        {
            w.WriteFixedBits((byte)priority, 2, "emergencyPriority");
        }
    }

    internal static EmergencyContainer DecodeValue(UperReader r)
    {
        var hasIncident = r.ReadBit("incidentIndication-present");
        var hasPriority = r.ReadBit("emergencyPriority-present");
        var lightBar = (LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse");
        CauseCode? incident = null;
        if (hasIncident)
        {
            using (r.Field("incidentIndication"))
            {
                incident = CauseCode.Decode(r);
            }
        }

        EmergencyPriority? priority = hasPriority ? (EmergencyPriority)r.ReadFixedBits(2, "emergencyPriority") : null;
        return new EmergencyContainer(lightBar, incident, priority);
    }
}
