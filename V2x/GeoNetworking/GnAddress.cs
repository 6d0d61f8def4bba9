using V2x.Link;

namespace V2x.GeoNetworking;

/// <summary>
/// GN_ADDR (ETSI EN 302 636-4-1 v1.4.1 §6.3): M (1 bit, manually configured), ST (5 bits, ITS-S
/// type), 10 reserved bits (zero) and MID (48 bits, the link-layer address).
/// </summary>
public readonly record struct GnAddress(bool Manual, GnStationType StationType, MacAddress Mid)
{
    public const int Length = 8;

    internal ulong ToUInt64()
    {
        var type = (ulong)StationType;
        if (type > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(StationType), StationType, "the ITS-S type has five bits");
        }

        return (Manual ? 1UL << 63 : 0) | (type << 58) | Mid.Value;
    }

    internal static GnAddress Read(GnReader reader, string field)
    {
        using var scope = reader.Enter(field);
        var high = reader.ReadUInt16("flags");
        if ((high & 0x03FF) != 0)
        {
            throw reader.ErrorAt("reserved", reader.Position - 2, "reserved field not zero");
        }

        var mid = ((ulong)reader.ReadUInt16("mid") << 32) | reader.ReadUInt32("mid");
        return new GnAddress((high & 0x8000) != 0, (GnStationType)((high >> 10) & 0x1F), new MacAddress(mid));
    }
}
