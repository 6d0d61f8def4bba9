using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_VehicleLength: VehicleLengthValue <c>INTEGER (1..1023)</c> in
/// 0.1 m (1022 out of range, 1023 unavailable) and the confidence indication.
/// </summary>
public readonly record struct VehicleLength(int ValueDecimetres, VehicleLengthConfidenceIndication ConfidenceIndication)
{
    public const int ValueUnavailable = 1023;

    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ValueDecimetres, 1, 1023, "vehicleLengthValue");
        EnumCodec.Write(w, ConfidenceIndication, 5, false, "vehicleLengthConfidenceIndication");
    }

    internal static VehicleLength Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(1, 1023, "vehicleLengthValue"),
        EnumCodec.Read<VehicleLengthConfidenceIndication>(r, 5, "vehicleLengthConfidenceIndication"));
}
