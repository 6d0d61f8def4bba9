using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_Altitude: <c>SEQUENCE { altitudeValue AltitudeValue, altitudeConfidence AltitudeConfidence }</c>,
/// AltitudeValue being <c>INTEGER (-100000..800001)</c> in centimetres, 800001 = unavailable.
/// </summary>
public readonly record struct Altitude(int ValueCentimetres, AltitudeConfidence Confidence)
{
    public const int ValueUnavailable = 800001;

    /// <summary>Altitude and confidence both unavailable.</summary>
    public static Altitude Unavailable => new(ValueUnavailable, AltitudeConfidence.Unavailable);

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueCentimetres, -100000, 800001, "altitudeValue");
        EnumCodec.Write(w, Confidence, 16, false, "altitudeConfidence");
    }

    internal static Altitude Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(-100000, 800001, "altitudeValue"),
        EnumCodec.Read<AltitudeConfidence>(r, 16, "altitudeConfidence"));
}
