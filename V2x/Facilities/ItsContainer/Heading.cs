using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_Heading: HeadingValue <c>INTEGER (0..3601)</c> in 0.1° from
/// WGS84 north, clockwise (3601 unavailable) and HeadingConfidence <c>INTEGER (1..127)</c> in
/// 0.1° (126 out of range, 127 unavailable).
/// </summary>
public readonly record struct Heading(int ValueDeciDegrees, int ConfidenceDeciDegrees)
{
    public const int ValueUnavailable = 3601;
    public const int ConfidenceUnavailable = 127;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueDeciDegrees, 0, 3601, "headingValue");
        w.WriteConstrainedWholeNumber(ConfidenceDeciDegrees, 1, 127, "headingConfidence");
    }

    internal static Heading Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(0, 3601, "headingValue"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "headingConfidence"));
}
