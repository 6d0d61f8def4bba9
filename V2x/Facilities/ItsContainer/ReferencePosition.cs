using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_ReferencePosition: latitude (<c>INTEGER (-900000000..900000001)</c>)
/// and longitude (<c>INTEGER (-1800000000..1800000001)</c>) in 0.1 micro-degree (WGS84),
/// the position confidence ellipse and the altitude.
/// </summary>
public readonly record struct ReferencePosition(
    int LatitudeTenthMicrodegrees,
    int LongitudeTenthMicrodegrees,
    PosConfidenceEllipse PositionConfidenceEllipse,
    Altitude Altitude)
{
    public const int LatitudeUnavailable = 900000001;
    public const int LongitudeUnavailable = 1800000001;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(LatitudeTenthMicrodegrees, -900000000, 900000001, "latitude");
        w.WriteConstrainedWholeNumber(LongitudeTenthMicrodegrees, -1800000000, 1800000001, "longitude");
        using (w.Field("positionConfidenceEllipse"))
        {
            PositionConfidenceEllipse.Encode(w);
        }

        using (w.Field("altitude"))
        {
            Altitude.Encode(w);
        }
    }

    internal static ReferencePosition Decode(UperReader r)
    {
        var latitude = (int)r.ReadConstrainedWholeNumber(-900000000, 900000001, "latitude");
        var longitude = (int)r.ReadConstrainedWholeNumber(-1800000000, 1800000001, "longitude");
        PosConfidenceEllipse ellipse;
        using (r.Field("positionConfidenceEllipse"))
        {
            ellipse = PosConfidenceEllipse.Decode(r);
        }

        using (r.Field("altitude"))
        {
            return new ReferencePosition(latitude, longitude, ellipse, Altitude.Decode(r));
        }
    }
}
