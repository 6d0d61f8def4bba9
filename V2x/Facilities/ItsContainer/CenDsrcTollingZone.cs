using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_CenDsrcTollingZone: <c>SEQUENCE { protectedZoneLatitude
/// Latitude, protectedZoneLongitude Longitude, cenDsrcTollingZoneID CenDsrcTollingZoneID OPTIONAL, ... }</c>,
/// the zone ID being ProtectedZoneID <c>INTEGER (0..134217727)</c>.
/// </summary>
public readonly record struct CenDsrcTollingZone(int LatitudeTenthMicrodegrees, int LongitudeTenthMicrodegrees, int? ZoneId = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(ZoneId.HasValue);
        w.WriteConstrainedWholeNumber(LatitudeTenthMicrodegrees, -900000000, 900000001, "protectedZoneLatitude");
        w.WriteConstrainedWholeNumber(LongitudeTenthMicrodegrees, -1800000000, 1800000001, "protectedZoneLongitude");
        if (ZoneId is { } id)
        {
            w.WriteConstrainedWholeNumber(id, 0, 134217727, "cenDsrcTollingZoneID");
        }
    }

    internal static CenDsrcTollingZone Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasId = r.ReadBit("cenDsrcTollingZoneID-present");
        var value = new CenDsrcTollingZone(
            (int)r.ReadConstrainedWholeNumber(-900000000, 900000001, "protectedZoneLatitude"),
            (int)r.ReadConstrainedWholeNumber(-1800000000, 1800000001, "protectedZoneLongitude"),
            hasId ? (int)r.ReadConstrainedWholeNumber(0, 134217727, "cenDsrcTollingZoneID") : null);
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return value;
    }
}
