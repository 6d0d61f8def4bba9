using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, HighFrequencyContainer: <c>CHOICE {
/// basicVehicleContainerHighFrequency, rsuContainerHighFrequency, ... }</c>. An alternative added
/// by a later version is rejected on decoding (it cannot be represented).
/// </summary>
public abstract record HighFrequencyContainer
{
    private protected HighFrequencyContainer()
    {
    }

    private protected abstract int ChoiceIndex { get; }

    private protected abstract string ChoiceName { get; }

    private protected abstract void EncodeValue(UperWriter w);

    internal void Encode(UperWriter w)
    {
        // X.691 §23: extension bit, then the root index among 2 alternatives.
        w.WriteChoiceIndex(ChoiceIndex, 2, true, "choice");
        using (w.Field(ChoiceName))
        {
            EncodeValue(w);
        }
    }

    internal static HighFrequencyContainer Decode(UperReader r)
    {
        var choice = r.ReadChoiceIndex(2, true, "choice");
        if (choice.IsExtension)
        {
            throw r.Error("choice", $"unsupported extension alternative {choice.Index}");
        }

        if (choice.Index == 0)
        {
            using (r.Field("basicVehicleContainerHighFrequency"))
            {
                return BasicVehicleContainerHighFrequency.DecodeValue(r);
            }
        }

        using (r.Field("rsuContainerHighFrequency"))
        {
            return RsuContainerHighFrequency.DecodeValue(r);
        }
    }
}
