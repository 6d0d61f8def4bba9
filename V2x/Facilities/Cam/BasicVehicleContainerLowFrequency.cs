using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, BasicVehicleContainerLowFrequency: <c>SEQUENCE { vehicleRole,
/// exteriorLights, pathHistory }</c>, the only root alternative of the extensible CHOICE
/// LowFrequencyContainer.
/// </summary>
public sealed record BasicVehicleContainerLowFrequency(VehicleRole VehicleRole, ExteriorLights ExteriorLights, PathHistory PathHistory)
{
    internal void Encode(UperWriter w)
    {
        w.Require(PathHistory, "pathHistory");

        // LowFrequencyContainer ::= CHOICE { basicVehicleContainerLowFrequency, ... }: X.691 §23,
        // extension bit 0 and no index bits for a single root alternative.
        w.WriteChoiceIndex(0, 1, true, "choice");
        using (w.Field("basicVehicleContainerLowFrequency"))
        {
            EnumCodec.Write(w, VehicleRole, 16, false, "vehicleRole");
            w.WriteFixedBits((byte)ExteriorLights, 8, "exteriorLights");
            PathHistory.Encode(w, "pathHistory");
        }
    }

    internal static BasicVehicleContainerLowFrequency Decode(UperReader r)
    {
        var choice = r.ReadChoiceIndex(1, true, "choice");
        if (choice.IsExtension)
        {
            throw r.Error("choice", $"unsupported extension alternative {choice.Index}");
        }

        using (r.Field("basicVehicleContainerLowFrequency"))
        {
            return new BasicVehicleContainerLowFrequency(
                EnumCodec.Read<VehicleRole>(r, 16, "vehicleRole"),
                (ExteriorLights)r.ReadFixedBits(8, "exteriorLights"),
                PathHistory.Decode(r, "pathHistory"));
        }
    }
}
