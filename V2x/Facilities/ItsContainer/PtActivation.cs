using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_PtActivation: <c>SEQUENCE { ptActivationType INTEGER (0..255),
/// ptActivationData OCTET STRING (SIZE(1..20)) }</c>.
/// </summary>
public sealed record PtActivation(byte ActivationType, OctetString ActivationData)
{
    internal void Encode(UperWriter w)
    {
        w.Require(ActivationData, "ptActivationData");
        w.WriteConstrainedWholeNumber(ActivationType, 0, 255, "ptActivationType");
        w.WriteOctetString(ActivationData.Span, 1, 20, false, "ptActivationData");
    }

    internal static PtActivation Decode(UperReader r) => new(
        (byte)r.ReadConstrainedWholeNumber(0, 255, "ptActivationType"),
        new OctetString(r.ReadOctetString(1, 20, false, "ptActivationData")));
}
