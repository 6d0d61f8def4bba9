using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_Curvature: CurvatureValue <c>INTEGER (-1023..1023)</c>, the
/// inverse of the turning radius in units of 1/10 000 per metre, positive to the left
/// (0 straight, 1023 unavailable), and the confidence.
/// </summary>
public readonly record struct Curvature(int ValuePerTenThousandMetres, CurvatureConfidence Confidence)
{
    public const int ValueUnavailable = 1023;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValuePerTenThousandMetres, -1023, 1023, "curvatureValue");
        EnumCodec.Write(w, Confidence, 8, false, "curvatureConfidence");
    }

    internal static Curvature Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(-1023, 1023, "curvatureValue"),
        EnumCodec.Read<CurvatureConfidence>(r, 8, "curvatureConfidence"));
}
