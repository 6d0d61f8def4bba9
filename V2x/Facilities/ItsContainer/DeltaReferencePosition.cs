using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_DeltaReferencePosition: DeltaLatitude and DeltaLongitude
/// <c>INTEGER (-131071..131072)</c> in 0.1 micro-degree (131072 unavailable) and
/// DeltaAltitude <c>INTEGER (-12700..12800)</c> in centimetres (12800 unavailable).
/// </summary>
public readonly record struct DeltaReferencePosition(
    int DeltaLatitudeTenthMicrodegrees,
    int DeltaLongitudeTenthMicrodegrees,
    int DeltaAltitudeCentimetres)
{
    public const int DeltaLatLonUnavailable = 131072;
    public const int DeltaAltitudeUnavailable = 12800;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(DeltaLatitudeTenthMicrodegrees, -131071, 131072, "deltaLatitude");
        w.WriteConstrainedWholeNumber(DeltaLongitudeTenthMicrodegrees, -131071, 131072, "deltaLongitude");
        w.WriteConstrainedWholeNumber(DeltaAltitudeCentimetres, -12700, 12800, "deltaAltitude");
    }

    internal static DeltaReferencePosition Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(-131071, 131072, "deltaLatitude"),
        (int)r.ReadConstrainedWholeNumber(-131071, 131072, "deltaLongitude"),
        (int)r.ReadConstrainedWholeNumber(-12700, 12800, "deltaAltitude"));
}
