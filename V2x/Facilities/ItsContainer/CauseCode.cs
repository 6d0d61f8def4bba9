using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_CauseCode: <c>SEQUENCE { causeCode CauseCodeType,
/// subCauseCode SubCauseCodeType, ... }</c>. Unknown extension additions are skipped on decoding.
/// </summary>
public readonly record struct CauseCode(CauseCodeType Cause, byte SubCause)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteConstrainedWholeNumber((byte)Cause, 0, 255, "causeCode");
        w.WriteConstrainedWholeNumber(SubCause, 0, 255, "subCauseCode");
    }

    internal static CauseCode Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var value = new CauseCode(
            (CauseCodeType)r.ReadConstrainedWholeNumber(0, 255, "causeCode"),
            (byte)r.ReadConstrainedWholeNumber(0, 255, "subCauseCode"));
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return value;
    }
}
