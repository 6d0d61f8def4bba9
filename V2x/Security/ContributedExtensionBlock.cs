using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 ContributedExtensionBlock ::= SEQUENCE { contributorId HeaderInfoContributorId,
/// extns SEQUENCE (SIZE(1..MAX)) OF &amp;Extn({...}{@.contributorId}) } (1609.2-2022 §6.3, HeaderInfo
/// contributed extensions). Each extension is an open type (X.696 §24), so a receiver that does not
/// know a contributor keeps the bytes and moves on; this type keeps every extension as its encoding.
/// </summary>
public sealed class ContributedExtensionBlock
{
    /// <summary>HeaderInfoContributorId assigned to IEEE 1609 (ieee1609HeaderInfoContributorId).</summary>
    public const byte Ieee1609ContributorId = 1;

    /// <summary>HeaderInfoContributorId assigned to ETSI (etsiHeaderInfoContributorId, TS 103 097).</summary>
    public const byte EtsiContributorId = 2;

    public ContributedExtensionBlock(byte contributorId, IReadOnlyList<ReadOnlyMemory<byte>> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        if (extensions.Count == 0)
        {
            throw new ArgumentException("a contributed extension block holds at least one extension", nameof(extensions));
        }

        ContributorId = contributorId;
        Extensions = extensions;
    }

    public byte ContributorId { get; }

    /// <summary>The encoding of each extension (the content of its open type).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Extensions { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(ContributorId);
        writer.WriteQuantity(Extensions.Count);
        foreach (var extension in Extensions)
        {
            writer.WriteOpenType(extension.Span);
        }
    }

    public static ContributedExtensionBlock Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Push("contributorId");
        var id = reader.ReadUInt8();
        reader.Pop();
        reader.Push("extns");
        var count = reader.ReadQuantity(minElementOctets: 1, minCount: 1);
        var list = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = reader.ReadOpenTypeBytes();
        }

        reader.Pop();
        return new ContributedExtensionBlock(id, list);
    }
}
