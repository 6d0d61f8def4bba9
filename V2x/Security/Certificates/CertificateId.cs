using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>The alternatives of CertificateId (IEEE 1609.2-2016 §6.4).</summary>
public enum CertificateIdKind
{
    LinkageData = 0,
    Name = 1,
    BinaryId = 2,
    None = 3,
}

/// <summary>
/// IEEE 1609.2 LinkageData ::= SEQUENCE { iCert IValue, linkage-value LinkageValue (9 octets),
/// group-linkage-value GroupLinkageValue OPTIONAL } (1609.2-2016 §6.4);
/// GroupLinkageValue ::= SEQUENCE { jValue OCTET STRING (SIZE(4)), value OCTET STRING (SIZE(9)) }.
/// </summary>
public sealed record LinkageData(ushort ICert, ReadOnlyMemory<byte> LinkageValue, ReadOnlyMemory<byte>? GroupJValue = null, ReadOnlyMemory<byte>? GroupValue = null);

/// <summary>
/// IEEE 1609.2 CertificateId ::= CHOICE { linkageData LinkageData, name Hostname, binaryId OCTET STRING
/// (SIZE(1..64)), none NULL, ... } (1609.2-2016 §6.4). Hostname ::= UTF8String (SIZE(0..255)).
/// </summary>
public sealed record CertificateId
{
    private CertificateId(CertificateIdKind kind, string? name, ReadOnlyMemory<byte> binaryId, LinkageData? linkage)
    {
        Kind = kind;
        Name = name;
        BinaryId = binaryId;
        Linkage = linkage;
    }

    public CertificateIdKind Kind { get; }

    public string? Name { get; }

    public ReadOnlyMemory<byte> BinaryId { get; }

    public LinkageData? Linkage { get; }

    public static CertificateId None { get; } = new(CertificateIdKind.None, null, default, null);

    public static CertificateId FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > 255)
        {
            throw new ArgumentException("a Hostname is at most 255 octets", nameof(name));
        }

        return new CertificateId(CertificateIdKind.Name, name, default, null);
    }

    public static CertificateId FromBinaryId(ReadOnlySpan<byte> id)
    {
        if (id.Length is < 1 or > 64)
        {
            throw new ArgumentException("a binaryId is 1..64 octets", nameof(id));
        }

        return new CertificateId(CertificateIdKind.BinaryId, null, id.ToArray(), null);
    }

    public static CertificateId FromLinkage(LinkageData linkage)
    {
        ArgumentNullException.ThrowIfNull(linkage);
        if (linkage.LinkageValue.Length != 9 || linkage.GroupJValue is { Length: not 4 } || linkage.GroupValue is { Length: not 9 }
            || linkage.GroupJValue.HasValue != linkage.GroupValue.HasValue)
        {
            throw new ArgumentException("linkage value 9 octets; group j-value 4 and value 9 octets, both or neither", nameof(linkage));
        }

        return new CertificateId(CertificateIdKind.LinkageData, null, default, linkage);
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        switch (Kind)
        {
            case CertificateIdKind.LinkageData:
                var l = Linkage!;
                writer.WritePreamble(false, false, l.GroupJValue.HasValue ? 1u : 0u, 1);
                writer.WriteUInt16(l.ICert);
                writer.WriteFixedOctets(l.LinkageValue.Span, 9);
                if (l.GroupJValue is { } j)
                {
                    writer.WriteFixedOctets(j.Span, 4);
                    writer.WriteFixedOctets(l.GroupValue!.Value.Span, 9);
                }

                break;
            case CertificateIdKind.Name:
                writer.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(Name!), 0, 255);
                break;
            case CertificateIdKind.BinaryId:
                writer.WriteOctetString(BinaryId.Span, 1, 64);
                break;
            default:
                break;
        }
    }

    public static CertificateId Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (CertificateIdKind)reader.ReadChoiceIndex(4, 0, out _);
        switch (kind)
        {
            case CertificateIdKind.LinkageData:
                reader.Push("linkageData");
                var bits = reader.ReadPreamble(false, 1, out _);
                var iCert = reader.ReadUInt16();
                var value = reader.ReadFixedOctets(9);
                ReadOnlyMemory<byte>? j = null;
                ReadOnlyMemory<byte>? gv = null;
                if (bits != 0)
                {
                    j = reader.ReadFixedOctets(4);
                    gv = reader.ReadFixedOctets(9);
                }

                reader.Pop();
                return new CertificateId(kind, null, default, new LinkageData(iCert, value, j, gv));
            case CertificateIdKind.Name:
                reader.Push("name");
                var name = reader.ReadUtf8String(0, 255);
                reader.Pop();
                return new CertificateId(kind, name, default, null);
            case CertificateIdKind.BinaryId:
                reader.Push("binaryId");
                var id = reader.ReadOctetString(1, 64);
                reader.Pop();
                return new CertificateId(kind, null, id, null);
            default:
                return None;
        }
    }
}
