using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>IEEE 1609.2 PsidSsp ::= SEQUENCE { psid Psid, ssp ServiceSpecificPermissions OPTIONAL } (1609.2-2016 §6.4).</summary>
public sealed record PsidSsp(Psid Psid, ServiceSpecificPermissions? Ssp = null)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(false, false, Ssp is null ? 0u : 1u, 1);
        Psid.Encode(writer);
        Ssp?.Encode(writer);
    }

    public static PsidSsp Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bits = reader.ReadPreamble(false, 1, out _);
        reader.Push("psid");
        var psid = Psid.Decode(reader);
        reader.Pop();
        ServiceSpecificPermissions? ssp = null;
        if (bits != 0)
        {
            reader.Push("ssp");
            ssp = ServiceSpecificPermissions.Decode(reader);
            reader.Pop();
        }

        return new PsidSsp(psid, ssp);
    }

    /// <summary>Encodes a SequenceOfPsidSsp.</summary>
    public static void EncodeList(OerWriter writer, IReadOnlyList<PsidSsp> list)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(list);
        writer.WriteQuantity(list.Count);
        foreach (var item in list)
        {
            item.Encode(writer);
        }
    }

    /// <summary>Decodes a SequenceOfPsidSsp.</summary>
    public static PsidSsp[] DecodeList(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var list = new PsidSsp[reader.ReadQuantity(minElementOctets: 3)];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = Decode(reader);
        }

        return list;
    }
}
