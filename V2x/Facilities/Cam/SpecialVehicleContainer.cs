using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, SpecialVehicleContainer: an extensible CHOICE of seven root
/// alternatives (public transport, special transport, dangerous goods, road works, rescue,
/// emergency, safety car). An alternative added by a later version is rejected on decoding.
/// </summary>
public abstract record SpecialVehicleContainer
{
    private const int RootCount = 7;

    private static readonly string[] Names =
    [
        "publicTransportContainer", "specialTransportContainer", "dangerousGoodsContainer",
        "roadWorksContainerBasic", "rescueContainer", "emergencyContainer", "safetyCarContainer",
    ];

    private protected SpecialVehicleContainer()
    {
    }

    private protected abstract int ChoiceIndex { get; }

    private protected abstract void EncodeValue(UperWriter w);

    internal void Encode(UperWriter w)
    {
        // X.691 §23: extension bit, then the root index among 7 alternatives (3 bits).
        w.WriteChoiceIndex(ChoiceIndex, RootCount, true, "choice");
        using (w.Field(Names[ChoiceIndex]))
        {
            EncodeValue(w);
        }
    }

    internal static SpecialVehicleContainer Decode(UperReader r)
    {
        var choice = r.ReadChoiceIndex(RootCount, true, "choice");
        if (choice.IsExtension)
        {
            throw r.Error("choice", $"unsupported extension alternative {choice.Index}");
        }

        using (r.Field(Names[choice.Index]))
        {
            return choice.Index switch
            {
                0 => PublicTransportContainer.DecodeValue(r),
                1 => SpecialTransportContainer.DecodeValue(r),
                2 => DangerousGoodsContainer.DecodeValue(r),
                3 => RoadWorksContainerBasic.DecodeValue(r),
                4 => RescueContainer.DecodeValue(r),
                5 => EmergencyContainer.DecodeValue(r),
                _ => SafetyCarContainer.DecodeValue(r),
            };
        }
    }
}
