using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_VehicleIdentification: <c>SEQUENCE { wMInumber WMInumber OPTIONAL,
/// vDS VDS OPTIONAL, ... }</c>, WMInumber being <c>IA5String (SIZE(1..3))</c> and VDS
/// <c>IA5String (SIZE(6))</c> (ISO 3779 parts of the VIN).
/// </summary>
public sealed record VehicleIdentification(string? WmiNumber = null, string? Vds = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(WmiNumber is not null);
        w.WriteBit(Vds is not null);
        if (WmiNumber is not null)
        {
            w.WriteIa5String(WmiNumber, 1, 3, "wMInumber");
        }

        if (Vds is not null)
        {
            w.WriteIa5String(Vds, 6, 6, "vDS");
        }
    }

    internal static VehicleIdentification Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasWmi = r.ReadBit("wMInumber-present");
        var hasVds = r.ReadBit("vDS-present");
        var value = new VehicleIdentification(
            hasWmi ? r.ReadIa5String(1, 3, "wMInumber") : null,
            hasVds ? r.ReadIa5String(6, 6, "vDS") : null);
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return value;
    }
}
