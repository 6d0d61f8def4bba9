using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, CamParameters: <c>SEQUENCE { basicContainer,
/// highFrequencyContainer, lowFrequencyContainer OPTIONAL, specialVehicleContainer OPTIONAL, ... }</c>.
/// The low-frequency container is the CHOICE LowFrequencyContainer, whose only alternative is
/// <see cref="BasicVehicleContainerLowFrequency"/>. Unknown extension additions are skipped on decoding.
/// </summary>
public sealed record CamParameters(
    BasicContainer BasicContainer,
    HighFrequencyContainer HighFrequencyContainer,
    BasicVehicleContainerLowFrequency? LowFrequencyContainer = null,
    SpecialVehicleContainer? SpecialVehicleContainer = null)
{
    internal void Encode(UperWriter w)
    {
        w.Require(HighFrequencyContainer, "highFrequencyContainer");
        w.WriteBit(false);
        w.WriteBit(LowFrequencyContainer is not null);
        w.WriteBit(SpecialVehicleContainer is not null);
        using (w.Field("basicContainer"))
        {
            BasicContainer.Encode(w);
        }

        using (w.Field("highFrequencyContainer"))
        {
            HighFrequencyContainer.Encode(w);
        }

        if (LowFrequencyContainer is not null)
        {
            using (w.Field("lowFrequencyContainer"))
            {
                LowFrequencyContainer.Encode(w);
            }
        }

        if (SpecialVehicleContainer is not null)
        {
            using (w.Field("specialVehicleContainer"))
            {
                SpecialVehicleContainer.Encode(w);
            }
        }
    }

    internal static CamParameters Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasLow = r.ReadBit("lowFrequencyContainer-present");
        var hasSpecial = r.ReadBit("specialVehicleContainer-present");
        BasicContainer basic;
        using (r.Field("basicContainer"))
        {
            basic = BasicContainer.Decode(r);
        }

        HighFrequencyContainer high;
        using (r.Field("highFrequencyContainer"))
        {
            high = HighFrequencyContainer.Decode(r);
        }

        BasicVehicleContainerLowFrequency? low = null;
        if (hasLow)
        {
            using (r.Field("lowFrequencyContainer"))
            {
                low = BasicVehicleContainerLowFrequency.Decode(r);
            }
        }

        SpecialVehicleContainer? special = null;
        if (hasSpecial)
        {
            using (r.Field("specialVehicleContainer"))
            {
                special = SpecialVehicleContainer.Decode(r);
            }
        }

        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new CamParameters(basic, high, low, special);
    }
}
