using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_SteeringWheelAngle: SteeringWheelAngleValue
/// <c>INTEGER (-511..512)</c> in 1.5°, positive to the left (512 unavailable), and
/// SteeringWheelAngleConfidence <c>INTEGER (1..127)</c> in 1.5° (127 unavailable).
/// </summary>
public readonly record struct SteeringWheelAngle(int ValueOneAndHalfDegrees, int ConfidenceOneAndHalfDegrees)
{
    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueOneAndHalfDegrees, -511, 512, "steeringWheelAngleValue");
        w.WriteConstrainedWholeNumber(ConfidenceOneAndHalfDegrees, 1, 127, "steeringWheelAngleConfidence");
    }

    internal static SteeringWheelAngle Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(-511, 512, "steeringWheelAngleValue"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "steeringWheelAngleConfidence"));
}
