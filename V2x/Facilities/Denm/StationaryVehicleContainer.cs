using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, StationaryVehicleContainer: six optional components, no
/// extension marker; NumberOfOccupants is <c>INTEGER (0..127)</c> (127 unavailable).
/// </summary>
public sealed record StationaryVehicleContainer(
    StationarySince? StationarySince = null,
    CauseCode? StationaryCause = null,
    DangerousGoodsExtended? CarryingDangerousGoods = null,
    int? NumberOfOccupants = null,
    VehicleIdentification? VehicleIdentification = null,
    EnergyStorageType? EnergyStorageType = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(StationarySince.HasValue);
        w.WriteBit(StationaryCause.HasValue);
        w.WriteBit(CarryingDangerousGoods is not null);
        w.WriteBit(NumberOfOccupants.HasValue);
        w.WriteBit(VehicleIdentification is not null);
        w.WriteBit(EnergyStorageType.HasValue);
        if (StationarySince is { } since)
        {
            EnumCodec.Write(w, since, 4, false, "stationarySince");
        }

        if (StationaryCause is { } cause)
        {
            using (w.Field("stationaryCause"))
            {
                cause.Encode(w);
            }
        }

        if (CarryingDangerousGoods is { } goods)
        {
            using (w.Field("carryingDangerousGoods"))
            {
                goods.Encode(w);
            }
        }

        if (NumberOfOccupants is { } occupants)
        {
            w.WriteConstrainedWholeNumber(occupants, 0, 127, "numberOfOccupants");
        }

        if (VehicleIdentification is { } identification)
        {
            using (w.Field("vehicleIdentification"))
            {
                identification.Encode(w);
            }
        }

        if (EnergyStorageType is { } energy)
        {
            w.WriteFixedBits((byte)energy, 7, "energyStorageType");
        }
    }

    internal static StationaryVehicleContainer Decode(UperReader r)
    {
        var present = new bool[6];
        for (var i = 0; i < present.Length; i++)
        {
            present[i] = r.ReadBit("optional-bitmap");
        }

        StationarySince? since = present[0] ? EnumCodec.Read<StationarySince>(r, 4, "stationarySince") : null;
        CauseCode? cause = null;
        if (present[1])
        {
            using (r.Field("stationaryCause"))
            {
                cause = CauseCode.Decode(r);
            }
        }

        DangerousGoodsExtended? goods = null;
        if (present[2])
        {
            using (r.Field("carryingDangerousGoods"))
            {
                goods = DangerousGoodsExtended.Decode(r);
            }
        }

        int? occupants = present[3] ? (int)r.ReadConstrainedWholeNumber(0, 127, "numberOfOccupants") : null;
        VehicleIdentification? identification = null;
        if (present[4])
        {
            using (r.Field("vehicleIdentification"))
            {
                identification = ItsContainer.VehicleIdentification.Decode(r);
            }
        }

        EnergyStorageType? energy = present[5] ? (EnergyStorageType)r.ReadFixedBits(7, "energyStorageType") : null;
        return new StationaryVehicleContainer(since, cause, goods, occupants, identification, energy);
    }
}
