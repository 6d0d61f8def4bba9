using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 TwoDLocation ::= SEQUENCE { latitude Latitude, longitude Longitude } (1609.2-2022 §6.3
/// base types). Latitude is NinetyDegreeInt (−900000000..900000001, 1e-7 degree, 900000001 = unknown);
/// longitude is OneEightyDegreeInt (−1799999999..1800000001). Both encode as 4-octet signed (X.696 §10.4).
/// </summary>
public readonly record struct TwoDLocation(int LatitudeTenthMicrodegrees, int LongitudeTenthMicrodegrees)
{
    public const int LatitudeMin = -900_000_000;
    public const int LatitudeMax = 900_000_001;
    public const int LongitudeMin = -1_799_999_999;
    public const int LongitudeMax = 1_800_000_001;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteConstrainedSigned(LatitudeTenthMicrodegrees, LatitudeMin, LatitudeMax);
        writer.WriteConstrainedSigned(LongitudeTenthMicrodegrees, LongitudeMin, LongitudeMax);
    }

    public static TwoDLocation Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Push("latitude");
        var lat = (int)reader.ReadConstrainedSigned(LatitudeMin, LatitudeMax);
        reader.Pop();
        reader.Push("longitude");
        var lon = (int)reader.ReadConstrainedSigned(LongitudeMin, LongitudeMax);
        reader.Pop();
        return new TwoDLocation(lat, lon);
    }
}
