using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, ImpactReductionContainer (twelve mandatory components, no
/// extension marker). Ranges from ETSI TS 102 894-2 v1.3.1 Annex A: HeightLonCarr (1..100) cm,
/// PosLonCarr (1..127) cm, PositionOfPillars <c>SEQUENCE (SIZE(1..3, ...)) OF PosPillar (1..30)</c>
/// in 0.1 m, PosCentMass (1..63) 0.1 m, WheelBaseVehicle (1..127) 0.1 m, TurningRadius (1..255)
/// 0.4 m, PosFrontAx (1..20) 0.1 m, VehicleMass (1..1024) 100 kg.
/// </summary>
public sealed record ImpactReductionContainer(
    int HeightLonCarrLeftCentimetres,
    int HeightLonCarrRightCentimetres,
    int PosLonCarrLeftCentimetres,
    int PosLonCarrRightCentimetres,
    SequenceOf<int> PositionOfPillarsDecimetres,
    int PosCentMassDecimetres,
    int WheelBaseVehicleDecimetres,
    int TurningRadiusFourDecimetres,
    int PosFrontAxDecimetres,
    PositionOfOccupants PositionOfOccupants,
    int VehicleMassHundredKilograms,
    RequestResponseIndication RequestResponseIndication)
{
    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(HeightLonCarrLeftCentimetres, 1, 100, "heightLonCarrLeft");
        w.WriteConstrainedWholeNumber(HeightLonCarrRightCentimetres, 1, 100, "heightLonCarrRight");
        w.WriteConstrainedWholeNumber(PosLonCarrLeftCentimetres, 1, 127, "posLonCarrLeft");
        w.WriteConstrainedWholeNumber(PosLonCarrRightCentimetres, 1, 127, "posLonCarrRight");
        w.WriteSequenceOf(PositionOfPillarsDecimetres, 1, 3, true, static (iw, p) => iw.WriteConstrainedWholeNumber(p, 1, 30, "posPillar"), "positionOfPillars");
        w.WriteConstrainedWholeNumber(PosCentMassDecimetres, 1, 63, "posCentMass");
        w.WriteConstrainedWholeNumber(WheelBaseVehicleDecimetres, 1, 127, "wheelBaseVehicle");
        w.WriteConstrainedWholeNumber(TurningRadiusFourDecimetres, 1, 255, "turningRadius");
        w.WriteConstrainedWholeNumber(PosFrontAxDecimetres, 1, 20, "posFrontAx");
        w.WriteFixedBits((uint)PositionOfOccupants, 20, "positionOfOccupants");
        w.WriteConstrainedWholeNumber(VehicleMassHundredKilograms, 1, 1024, "vehicleMass");
        EnumCodec.Write(w, RequestResponseIndication, 2, false, "requestResponseIndication");
    }

    internal static ImpactReductionContainer Decode(UperReader r) => new(
        (int)r.ReadConstrainedWholeNumber(1, 100, "heightLonCarrLeft"),
        (int)r.ReadConstrainedWholeNumber(1, 100, "heightLonCarrRight"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "posLonCarrLeft"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "posLonCarrRight"),
        r.ReadSequenceOf(1, 3, true, static ir => (int)ir.ReadConstrainedWholeNumber(1, 30, "posPillar"), "positionOfPillars"),
        (int)r.ReadConstrainedWholeNumber(1, 63, "posCentMass"),
        (int)r.ReadConstrainedWholeNumber(1, 127, "wheelBaseVehicle"),
        (int)r.ReadConstrainedWholeNumber(1, 255, "turningRadius"),
        (int)r.ReadConstrainedWholeNumber(1, 20, "posFrontAx"),
        (PositionOfOccupants)r.ReadFixedBits(20, "positionOfOccupants"),
        (int)r.ReadConstrainedWholeNumber(1, 1024, "vehicleMass"),
        EnumCodec.Read<RequestResponseIndication>(r, 2, "requestResponseIndication"));
}
