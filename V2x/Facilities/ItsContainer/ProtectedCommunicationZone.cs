using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_ProtectedCommunicationZone: <c>SEQUENCE { protectedZoneType,
/// expiryTime TimestampIts OPTIONAL, protectedZoneLatitude, protectedZoneLongitude,
/// protectedZoneRadius ProtectedZoneRadius OPTIONAL, protectedZoneID ProtectedZoneID OPTIONAL, ... }</c>;
/// ProtectedZoneRadius is <c>INTEGER (1..255, ...)</c> in metres.
/// </summary>
public readonly record struct ProtectedCommunicationZone(
    ProtectedZoneType ZoneType,
    TimestampIts? ExpiryTime,
    int LatitudeTenthMicrodegrees,
    int LongitudeTenthMicrodegrees,
    int? RadiusMetres = null,
    int? ZoneId = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(ExpiryTime.HasValue);
        w.WriteBit(RadiusMetres.HasValue);
        w.WriteBit(ZoneId.HasValue);
        EnumCodec.Write(w, ZoneType, 1, true, "protectedZoneType");
        ExpiryTime?.Encode(w, "expiryTime");
        w.WriteConstrainedWholeNumber(LatitudeTenthMicrodegrees, -900000000, 900000001, "protectedZoneLatitude");
        w.WriteConstrainedWholeNumber(LongitudeTenthMicrodegrees, -1800000000, 1800000001, "protectedZoneLongitude");
        if (RadiusMetres is { } radius)
        {
            if (radius < 1)
            {
                throw w.OutOfRange("protectedZoneRadius", radius, "at least 1 m");
            }

            w.WriteExtensibleInteger(radius, 1, 255, "protectedZoneRadius");
        }

        if (ZoneId is { } id)
        {
            w.WriteConstrainedWholeNumber(id, 0, 134217727, "protectedZoneID");
        }
    }

    internal static ProtectedCommunicationZone Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasExpiry = r.ReadBit("expiryTime-present");
        var hasRadius = r.ReadBit("protectedZoneRadius-present");
        var hasId = r.ReadBit("protectedZoneID-present");
        var zoneType = EnumCodec.Read<ProtectedZoneType>(r, 1, true, 1, "protectedZoneType");
        TimestampIts? expiry = hasExpiry ? TimestampIts.Decode(r, "expiryTime") : null;
        var latitude = (int)r.ReadConstrainedWholeNumber(-900000000, 900000001, "protectedZoneLatitude");
        var longitude = (int)r.ReadConstrainedWholeNumber(-1800000000, 1800000001, "protectedZoneLongitude");
        int? radius = null;
        if (hasRadius)
        {
            var value = r.ReadExtensibleInteger(1, 255, "protectedZoneRadius");
            if (value < 1 || value > int.MaxValue)
            {
                throw r.Error("protectedZoneRadius", $"radius {value} m outside (1..{int.MaxValue})");
            }

            radius = (int)value;
        }

        int? id = hasId ? (int)r.ReadConstrainedWholeNumber(0, 134217727, "protectedZoneID") : null;
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new ProtectedCommunicationZone(zoneType, expiry, latitude, longitude, radius, id);
    }
}
