using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// One acceleration component: ETSI TS 102 894-2 v1.3.1 Annex A, DF_LongitudinalAcceleration,
/// DF_LateralAcceleration and DF_VerticalAcceleration share this shape: a value
/// <c>INTEGER (-160..161)</c> in 0.1 m/s² (161 unavailable) and AccelerationConfidence
/// <c>INTEGER (0..102)</c> in 0.1 m/s² (101 out of range, 102 unavailable). Only the ASN.1
/// component names differ, and the enclosing codec supplies them.
/// </summary>
public readonly record struct Acceleration(int ValueDecimetresPerSecondSquared, int ConfidenceDecimetresPerSecondSquared)
{
    public const int ValueUnavailable = 161;
    public const int ConfidenceUnavailable = 102;

    /// <summary>Value and confidence both unavailable.</summary>
    public static Acceleration Unavailable => new(ValueUnavailable, ConfidenceUnavailable);

    internal void Encode(UperWriter w, string prefix)
    {
        w.WriteConstrainedWholeNumber(ValueDecimetresPerSecondSquared, -160, 161, prefix + "AccelerationValue");
        w.WriteConstrainedWholeNumber(ConfidenceDecimetresPerSecondSquared, 0, 102, prefix + "AccelerationConfidence");
    }

    internal static Acceleration Decode(UperReader r, string prefix) => new(
        (int)r.ReadConstrainedWholeNumber(-160, 161, prefix + "AccelerationValue"),
        (int)r.ReadConstrainedWholeNumber(0, 102, prefix + "AccelerationConfidence"));
}
