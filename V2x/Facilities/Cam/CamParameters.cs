using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, CamParameters: <c>SEQUENCE { basicContainer,
/// highFrequencyContainer, lowFrequencyContainer OPTIONAL, specialVehicleContainer OPTIONAL, ... }</c>.
/// The low-frequency container is the CHOICE LowFrequencyContainer, whose only alternative is
/// <see cref="BasicVehicleContainerLowFrequency"/>.
/// </summary>
/// <remarks>
/// Extension additions (X.691 §19.7-19.9): the first one is ETSI TS 103 900 v2.x's
/// <c>extensionContainers WrappedExtensionContainers OPTIONAL</c> (CAM release 2, still protocol version 2),
/// read and written here with its containers kept as they came (<see cref="WrappedExtensionContainer"/>); a
/// v1.4.1 decoder, which knows no addition, skips it by its open-type length (§19.9) and reads the CAM as
/// before. Later additions are skipped on decoding (and so not re-encoded).
/// </remarks>
public sealed record CamParameters(
    BasicContainer BasicContainer,
    HighFrequencyContainer HighFrequencyContainer,
    BasicVehicleContainerLowFrequency? LowFrequencyContainer = null,
    SpecialVehicleContainer? SpecialVehicleContainer = null,
    SequenceOf<WrappedExtensionContainer>? ExtensionContainers = null)
{
    internal void Encode(UperWriter w)
    {
        w.Require(HighFrequencyContainer, "highFrequencyContainer");

        // X.691 §19.1: the extension bit is 1 exactly when an extension addition is present.
        w.WriteBit(ExtensionContainers is not null);
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

        if (ExtensionContainers is { } containers)
        {
            // §19.7-19.9: one known addition (index 0, extensionContainers), as an open type.
            w.WriteExtensionAdditions([inner => WrappedExtensionContainer.EncodeList(inner, containers)], "extension");
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

        SequenceOf<WrappedExtensionContainer>? containers = null;
        if (extended)
        {
            r.ReadExtensionAdditions(1, (_, inner) => containers = WrappedExtensionContainer.DecodeList(inner), "extension");
        }

        return new CamParameters(basic, high, low, special, containers);
    }
}
