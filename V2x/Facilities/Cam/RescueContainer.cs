using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>ETSI EN 302 637-2 v1.4.1 Annex A, RescueContainer: <c>SEQUENCE { lightBarSirenInUse }</c>.</summary>
public sealed record RescueContainer(LightBarSirenInUse LightBarSirenInUse) : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 4;

    private protected override void EncodeValue(UperWriter w) =>
        w.WriteFixedBits((byte)LightBarSirenInUse, 2, "lightBarSirenInUse");

    internal static RescueContainer DecodeValue(UperReader r) =>
        new((LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse"));
}
