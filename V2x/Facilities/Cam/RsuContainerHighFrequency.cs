using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, RSUContainerHighFrequency: <c>SEQUENCE {
/// protectedCommunicationZonesRSU ProtectedCommunicationZonesRSU OPTIONAL, ... }</c>, the zones
/// being <c>SEQUENCE (SIZE(1..16)) OF ProtectedCommunicationZone</c> (ETSI TS 102 894-2 v1.3.1).
/// </summary>
public sealed record RsuContainerHighFrequency(SequenceOf<ProtectedCommunicationZone>? ProtectedCommunicationZones = null)
    : HighFrequencyContainer
{
    private protected override int ChoiceIndex => 1;

    private protected override string ChoiceName => "rsuContainerHighFrequency";

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(ProtectedCommunicationZones is not null);
        if (ProtectedCommunicationZones is { } zones)
        {
            w.WriteSequenceOf(zones, 1, 16, false, static (iw, z) => z.Encode(iw), "protectedCommunicationZonesRSU");
        }
    }

    internal static RsuContainerHighFrequency DecodeValue(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasZones = r.ReadBit("protectedCommunicationZonesRSU-present");
        var zones = hasZones
            ? r.ReadSequenceOf(1, 16, false, ProtectedCommunicationZone.Decode, "protectedCommunicationZonesRSU")
            : null;
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new RsuContainerHighFrequency(zones);
    }
}
