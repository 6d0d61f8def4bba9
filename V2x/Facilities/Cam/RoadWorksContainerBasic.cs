using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, RoadWorksContainerBasic: <c>SEQUENCE { roadworksSubCauseCode
/// RoadworksSubCauseCode (INTEGER (0..255)) OPTIONAL, lightBarSirenInUse, closedLanes ClosedLanes OPTIONAL }</c>.
/// </summary>
public sealed record RoadWorksContainerBasic(LightBarSirenInUse LightBarSirenInUse, byte? RoadworksSubCauseCode = null, ClosedLanes? ClosedLanes = null)
    : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 3;

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(RoadworksSubCauseCode.HasValue);
        w.WriteBit(ClosedLanes is not null);
        if (RoadworksSubCauseCode is { } subCause)
        {
            w.WriteConstrainedWholeNumber(subCause, 0, 255, "roadworksSubCauseCode");
        }

        w.WriteFixedBits((byte)LightBarSirenInUse, 2, "lightBarSirenInUse");
        if (ClosedLanes is { } lanes)
        {
            using (w.Field("closedLanes"))
            {
                lanes.Encode(w);
            }
        }
    }

    internal static RoadWorksContainerBasic DecodeValue(UperReader r)
    {
        var hasSubCause = r.ReadBit("roadworksSubCauseCode-present");
        var hasLanes = r.ReadBit("closedLanes-present");
        byte? subCause = hasSubCause ? (byte)r.ReadConstrainedWholeNumber(0, 255, "roadworksSubCauseCode") : null;
        var lightBar = (LightBarSirenInUse)r.ReadFixedBits(2, "lightBarSirenInUse");
        ClosedLanes? lanes = null;
        if (hasLanes)
        {
            using (r.Field("closedLanes"))
            {
                lanes = ItsContainer.ClosedLanes.Decode(r);
            }
        }

        return new RoadWorksContainerBasic(lightBar, subCause, lanes);
    }
}
