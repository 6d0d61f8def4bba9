using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>ETSI EN 302 637-2 v1.4.1 Annex A, SpecialTransportContainer: <c>SEQUENCE { specialTransportType, lightBarSirenInUse }</c>.</summary>
public sealed record SpecialTransportContainer(SpecialTransportType SpecialTransportType, LightBarSirenInUse LightBarSirenInUse)
    : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 1;

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteFixedBits((byte)SpecialTransportType, 4, "specialTransportType");
        w.WriteFixedBits((byte)LightBarSirenInUse, 2, "lightBarSirenInUse");
    }

    internal static SpecialTransportContainer DecodeValue(UperReader r) => new(
        (SpecialTransportType)r.ReadFixedBits(4, "specialTransportType"),
        (LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse"));
}
