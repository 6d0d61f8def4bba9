using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_ClosedLanes: <c>SEQUENCE { innerhardShoulderStatus OPTIONAL,
/// outerhardShoulderStatus OPTIONAL, drivingLaneStatus DrivingLaneStatus OPTIONAL, ... }</c>,
/// DrivingLaneStatus being <c>BIT STRING (SIZE (1..13))</c>.
/// </summary>
public sealed record ClosedLanes(
    HardShoulderStatus? InnerHardShoulderStatus = null,
    HardShoulderStatus? OuterHardShoulderStatus = null,
    BitString? DrivingLaneStatus = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(InnerHardShoulderStatus.HasValue);
        w.WriteBit(OuterHardShoulderStatus.HasValue);
        w.WriteBit(DrivingLaneStatus is not null);
        if (InnerHardShoulderStatus is { } inner)
        {
            EnumCodec.Write(w, inner, 3, false, "innerhardShoulderStatus");
        }

        if (OuterHardShoulderStatus is { } outer)
        {
            EnumCodec.Write(w, outer, 3, false, "outerhardShoulderStatus");
        }

        if (DrivingLaneStatus is { } lanes)
        {
            w.WriteBitString(lanes, 1, 13, false, "drivingLaneStatus");
        }
    }

    internal static ClosedLanes Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasInner = r.ReadBit("innerhardShoulderStatus-present");
        var hasOuter = r.ReadBit("outerhardShoulderStatus-present");
        var hasLanes = r.ReadBit("drivingLaneStatus-present");
        var value = new ClosedLanes(
            hasInner ? EnumCodec.Read<HardShoulderStatus>(r, 3, "innerhardShoulderStatus") : null,
            hasOuter ? EnumCodec.Read<HardShoulderStatus>(r, 3, "outerhardShoulderStatus") : null,
            hasLanes ? r.ReadBitString(1, 13, false, "drivingLaneStatus") : null);
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return value;
    }
}
