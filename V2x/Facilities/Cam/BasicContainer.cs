using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, BasicContainer: <c>SEQUENCE { stationType StationType,
/// referencePosition ReferencePosition, ... }</c>.
/// </summary>
public readonly record struct BasicContainer(StationType StationType, ReferencePosition ReferencePosition)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteConstrainedWholeNumber((byte)StationType, 0, 255, "stationType");
        using (w.Field("referencePosition"))
        {
            ReferencePosition.Encode(w);
        }
    }

    internal static BasicContainer Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var stationType = (StationType)r.ReadConstrainedWholeNumber(0, 255, "stationType");
        ReferencePosition position;
        using (r.Field("referencePosition"))
        {
            position = ReferencePosition.Decode(r);
        }

        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new BasicContainer(stationType, position);
    }
}
