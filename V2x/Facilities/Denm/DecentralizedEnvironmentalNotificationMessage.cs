using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, DecentralizedEnvironmentalNotificationMessage: <c>SEQUENCE {
/// management ManagementContainer, situation SituationContainer OPTIONAL, location LocationContainer
/// OPTIONAL, alacarte AlacarteContainer OPTIONAL }</c> (no extension marker).
/// </summary>
public sealed record DecentralizedEnvironmentalNotificationMessage(
    ManagementContainer Management,
    SituationContainer? Situation = null,
    LocationContainer? Location = null,
    AlacarteContainer? Alacarte = null)
{
    internal void Encode(UperWriter w)
    {
        w.Require(Management, "management");
        w.WriteBit(Situation is not null);
        w.WriteBit(Location is not null);
        w.WriteBit(Alacarte is not null);
        using (w.Field("management"))
        {
            Management.Encode(w);
        }

        if (Situation is not null)
        {
            using (w.Field("situation"))
            {
                Situation.Encode(w);
            }
        }

        if (Location is not null)
        {
            using (w.Field("location"))
            {
                Location.Encode(w);
            }
        }

        if (Alacarte is not null)
        {
            using (w.Field("alacarte"))
            {
                Alacarte.Encode(w);
            }
        }
    }

    internal static DecentralizedEnvironmentalNotificationMessage Decode(UperReader r)
    {
        var hasSituation = r.ReadBit("situation-present");
        var hasLocation = r.ReadBit("location-present");
        var hasAlacarte = r.ReadBit("alacarte-present");
        ManagementContainer management;
        using (r.Field("management"))
        {
            management = ManagementContainer.Decode(r);
        }

        SituationContainer? situation = null;
        if (hasSituation)
        {
            using (r.Field("situation"))
            {
                situation = SituationContainer.Decode(r);
            }
        }

        LocationContainer? location = null;
        if (hasLocation)
        {
            using (r.Field("location"))
            {
                location = LocationContainer.Decode(r);
            }
        }

        AlacarteContainer? alacarte = null;
        if (hasAlacarte)
        {
            using (r.Field("alacarte"))
            {
                alacarte = AlacarteContainer.Decode(r);
            }
        }

        return new DecentralizedEnvironmentalNotificationMessage(management, situation, location, alacarte);
    }
}
