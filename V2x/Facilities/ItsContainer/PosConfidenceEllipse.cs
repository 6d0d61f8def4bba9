using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_PosConfidenceEllipse: semi-major and semi-minor axis
/// confidences as SemiAxisLength <c>INTEGER (0..4095)</c> in centimetres (4094 out of range,
/// 4095 unavailable) and the semi-major orientation as HeadingValue <c>INTEGER (0..3601)</c> in 0.1°.
/// </summary>
public readonly record struct PosConfidenceEllipse(int SemiMajorConfidenceCentimetres, int SemiMinorConfidenceCentimetres, int SemiMajorOrientationDeciDegrees)
{
    public const int SemiAxisUnavailable = 4095;

    /// <summary>All three components unavailable.</summary>
    public static PosConfidenceEllipse Unavailable => new(SemiAxisUnavailable, SemiAxisUnavailable, Heading.ValueUnavailable);

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(SemiMajorConfidenceCentimetres, 0, 4095, "semiMajorConfidence");
        w.WriteConstrainedWholeNumber(SemiMinorConfidenceCentimetres, 0, 4095, "semiMinorConfidence");
        w.WriteConstrainedWholeNumber(SemiMajorOrientationDeciDegrees, 0, 3601, "semiMajorOrientation");
    }

    internal static PosConfidenceEllipse Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(0, 4095, "semiMajorConfidence"),
        (int)r.ReadConstrainedWholeNumber(0, 4095, "semiMinorConfidence"),
        (int)r.ReadConstrainedWholeNumber(0, 3601, "semiMajorOrientation"));
}
