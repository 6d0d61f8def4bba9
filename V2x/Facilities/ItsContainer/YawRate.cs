using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_YawRate: YawRateValue <c>INTEGER (-32766..32767)</c> in
/// 0.01 °/s, positive to the left (32767 unavailable), and the confidence.
/// </summary>
public readonly record struct YawRate(int ValueCentiDegreesPerSecond, YawRateConfidence Confidence)
{
    public const int ValueUnavailable = 32767;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueCentiDegreesPerSecond, -32766, 32767, "yawRateValue");
        EnumCodec.Write(w, Confidence, 9, false, "yawRateConfidence");
    }

    internal static YawRate Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(-32766, 32767, "yawRateValue"),
        EnumCodec.Read<YawRateConfidence>(r, 9, "yawRateConfidence"));
}
