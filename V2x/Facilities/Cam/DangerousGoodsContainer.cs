using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>ETSI EN 302 637-2 v1.4.1 Annex A, DangerousGoodsContainer: <c>SEQUENCE { dangerousGoodsBasic }</c>.</summary>
public sealed record DangerousGoodsContainer(DangerousGoodsBasic DangerousGoodsBasic) : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 2;

    private protected override void EncodeValue(UperWriter w) =>
        EnumCodec.Write(w, DangerousGoodsBasic, 20, false, "dangerousGoodsBasic");

    internal static DangerousGoodsContainer DecodeValue(UperReader r) =>
        new(EnumCodec.Read<DangerousGoodsBasic>(r, 20, "dangerousGoodsBasic"));
}
