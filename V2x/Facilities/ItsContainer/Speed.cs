using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_Speed: SpeedValue <c>INTEGER (0..16383)</c> in cm/s
/// (16383 unavailable) and SpeedConfidence <c>INTEGER (1..127)</c> in cm/s (126 out of range,
/// 127 unavailable).
/// </summary>
public readonly record struct Speed(int ValueCentimetresPerSecond, int ConfidenceCentimetresPerSecond)
{
    public const int ValueUnavailable = 16383;
    public const int ConfidenceUnavailable = 127;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueCentimetresPerSecond, 0, 16383, "speedValue");
        w.WriteConstrainedWholeNumber(ConfidenceCentimetresPerSecond, 1, 127, "speedConfidence");
    }

    internal static Speed Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(0, 16383, "speedValue"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "speedConfidence"));
}
