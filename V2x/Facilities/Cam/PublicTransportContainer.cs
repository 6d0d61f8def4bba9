using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, PublicTransportContainer: <c>SEQUENCE { embarkationStatus
/// EmbarkationStatus (BOOLEAN), ptActivation PtActivation OPTIONAL }</c>.
/// </summary>
public sealed record PublicTransportContainer(bool EmbarkationStatus, PtActivation? PtActivation = null) : SpecialVehicleContainer
{
    private protected override int ChoiceIndex => 0;

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(PtActivation is not null);
        w.WriteBoolean(EmbarkationStatus);
        if (PtActivation is { } activation)
        {
            using (w.Field("ptActivation"))
            {
                activation.Encode(w);
            }
        }
    }

    internal static PublicTransportContainer DecodeValue(UperReader r)
    {
        var hasActivation = r.ReadBit("ptActivation-present");
        var embarkation = r.ReadBoolean("embarkationStatus");
        PtActivation? activation = null;
        if (hasActivation)
        {
            using (r.Field("ptActivation"))
            {
                activation = ItsContainer.PtActivation.Decode(r);
            }
        }

        return new PublicTransportContainer(embarkation, activation);
    }
}
