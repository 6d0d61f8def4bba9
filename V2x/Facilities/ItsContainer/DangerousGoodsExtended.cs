using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_DangerousGoodsExtended: <c>SEQUENCE { dangerousGoodsType,
/// unNumber INTEGER (0..9999), elevatedTemperature BOOLEAN, tunnelsRestricted BOOLEAN,
/// limitedQuantity BOOLEAN, emergencyActionCode IA5String (SIZE (1..24)) OPTIONAL,
/// phoneNumber PhoneNumber OPTIONAL, companyName UTF8String (SIZE (1..24)) OPTIONAL, ... }</c>,
/// PhoneNumber being <c>NumericString (SIZE(1..16))</c>.
/// </summary>
public sealed record DangerousGoodsExtended(
    DangerousGoodsBasic DangerousGoodsType,
    int UnNumber,
    bool ElevatedTemperature,
    bool TunnelsRestricted,
    bool LimitedQuantity,
    string? EmergencyActionCode = null,
    string? PhoneNumber = null,
    string? CompanyName = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(EmergencyActionCode is not null);
        w.WriteBit(PhoneNumber is not null);
        w.WriteBit(CompanyName is not null);
        EnumCodec.Write(w, DangerousGoodsType, 20, false, "dangerousGoodsType");
        w.WriteConstrainedWholeNumber(UnNumber, 0, 9999, "unNumber");
        w.WriteBoolean(ElevatedTemperature);
        w.WriteBoolean(TunnelsRestricted);
        w.WriteBoolean(LimitedQuantity);
        if (EmergencyActionCode is not null)
        {
            w.WriteIa5String(EmergencyActionCode, 1, 24, "emergencyActionCode");
        }

        if (PhoneNumber is not null)
        {
            w.WriteNumericString(PhoneNumber, 1, 16, "phoneNumber");
        }

        if (CompanyName is not null)
        {
            w.WriteUtf8String(CompanyName, 1, 24, "companyName");
        }
    }

    internal static DangerousGoodsExtended Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasCode = r.ReadBit("emergencyActionCode-present");
        var hasPhone = r.ReadBit("phoneNumber-present");
        var hasCompany = r.ReadBit("companyName-present");
        var value = new DangerousGoodsExtended(
            EnumCodec.Read<DangerousGoodsBasic>(r, 20, "dangerousGoodsType"),
            (int)r.ReadConstrainedWholeNumber(0, 9999, "unNumber"),
            r.ReadBoolean("elevatedTemperature"),
            r.ReadBoolean("tunnelsRestricted"),
            r.ReadBoolean("limitedQuantity"),
            hasCode ? r.ReadIa5String(1, 24, "emergencyActionCode") : null,
            hasPhone ? r.ReadNumericString(1, 16, "phoneNumber") : null,
            hasCompany ? r.ReadUtf8String(1, 24, "companyName") : null);
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return value;
    }
}
