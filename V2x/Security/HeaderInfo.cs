using V2x.Oer;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 HeaderInfo (1609.2-2016 §6.3; extension additions from 1609.2a-2017 and the 2022
/// edition): psid, then OPTIONAL generationTime, expiryTime, generationLocation,
/// p2pcdLearningRequest, missingCrlIdentifier, encryptionKey; after the extension marker
/// inlineP2pcdRequest, requestedCertificate, pduFunctionalType, contributedExtensions.
/// </summary>
public sealed record HeaderInfo
{
    private const int RootOptionals = 6;

    public required Psid Psid { get; init; }

    public Time64? GenerationTime { get; init; }

    public Time64? ExpiryTime { get; init; }

    public ThreeDLocation? GenerationLocation { get; init; }

    public HashedId3? P2pcdLearningRequest { get; init; }

    public MissingCrlIdentifier? MissingCrlIdentifier { get; init; }

    public EncryptionKey? EncryptionKey { get; init; }

    /// <summary>inlineP2pcdRequest (extension addition 1).</summary>
    public IReadOnlyList<HashedId3>? InlineP2pcdRequest { get; init; }

    /// <summary>requestedCertificate (extension addition 2).</summary>
    public Certificate? RequestedCertificate { get; init; }

    /// <summary>pduFunctionalType ::= INTEGER (0..255) (extension addition 3).</summary>
    public byte? PduFunctionalType { get; init; }

    /// <summary>contributedExtensions ::= SEQUENCE (SIZE(1..MAX)) OF ContributedExtensionBlock (extension addition 4).</summary>
    public IReadOnlyList<ContributedExtensionBlock>? ContributedExtensions { get; init; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var ext = 0u;
        if (InlineP2pcdRequest is not null)
        {
            ext |= 1;
        }

        if (RequestedCertificate is not null)
        {
            ext |= 2;
        }

        if (PduFunctionalType is not null)
        {
            ext |= 4;
        }

        if (ContributedExtensions is not null)
        {
            if (ContributedExtensions.Count == 0)
            {
                throw new ArgumentException("contributedExtensions holds at least one block");
            }

            ext |= 8;
        }

        var presence = OerRules.PresenceBits(GenerationTime.HasValue, ExpiryTime.HasValue, GenerationLocation.HasValue,
            P2pcdLearningRequest.HasValue, MissingCrlIdentifier is not null, EncryptionKey is not null);
        writer.WritePreamble(extensible: true, ext != 0, presence, RootOptionals);
        Psid.Encode(writer);
        if (GenerationTime is { } g)
        {
            writer.WriteUInt64(g.Microseconds);
        }

        if (ExpiryTime is { } e)
        {
            writer.WriteUInt64(e.Microseconds);
        }

        GenerationLocation?.Encode(writer);
        P2pcdLearningRequest?.Encode(writer);
        MissingCrlIdentifier?.Encode(writer);
        EncryptionKey?.Encode(writer);
        if (ext == 0)
        {
            return;
        }

        // X.696 §16.4-16.5: presence bitmap (one bit per addition of the type), then each present addition as an open type.
        writer.WriteExtensionBitmap(ext, AdditionNames.Length);
        if (InlineP2pcdRequest is not null)
        {
            var mark = writer.BeginOpenType();
            writer.WriteQuantity(InlineP2pcdRequest.Count);
            foreach (var h in InlineP2pcdRequest)
            {
                h.Encode(writer);
            }

            writer.EndOpenType(mark);
        }

        if (RequestedCertificate is not null)
        {
            writer.WriteOpenType(RequestedCertificate.Encoded.Span);
        }

        if (PduFunctionalType is { } pdu)
        {
            writer.WriteLength(1);
            writer.WriteByte(pdu);
        }

        if (ContributedExtensions is not null)
        {
            var mark = writer.BeginOpenType();
            writer.WriteQuantity(ContributedExtensions.Count);
            foreach (var block in ContributedExtensions)
            {
                block.Encode(writer);
            }

            writer.EndOpenType(mark);
        }
    }

    public static HeaderInfo Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bits = reader.ReadPreamble(extensible: true, RootOptionals, out var extension);
        reader.Push("psid");
        var psid = Psid.Decode(reader);
        reader.Pop();
        Time64? generation = null;
        Time64? expiry = null;
        ThreeDLocation? location = null;
        HashedId3? learning = null;
        MissingCrlIdentifier? missing = null;
        EncryptionKey? encryption = null;
        if (OerReader.IsPresent(bits, RootOptionals, 0))
        {
            reader.Push("generationTime");
            generation = new Time64(reader.ReadUInt64());
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 1))
        {
            reader.Push("expiryTime");
            expiry = new Time64(reader.ReadUInt64());
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 2))
        {
            reader.Push("generationLocation");
            location = ThreeDLocation.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 3))
        {
            reader.Push("p2pcdLearningRequest");
            learning = HashedId3.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 4))
        {
            reader.Push("missingCrlIdentifier");
            missing = Security.MissingCrlIdentifier.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 5))
        {
            reader.Push("encryptionKey");
            encryption = Crypto.EncryptionKey.Decode(reader);
            reader.Pop();
        }

        var header = new HeaderInfo
        {
            Psid = psid,
            GenerationTime = generation,
            ExpiryTime = expiry,
            GenerationLocation = location,
            P2pcdLearningRequest = learning,
            MissingCrlIdentifier = missing,
            EncryptionKey = encryption,
        };
        return extension ? DecodeAdditions(reader, header) : header;
    }

    private static HeaderInfo DecodeAdditions(OerReader reader, HeaderInfo header)
    {
        var bitmap = reader.ReadExtensionBitmap();
        for (var i = 0; i < bitmap.BitCount; i++)
        {
            if (!bitmap.IsPresent(i))
            {
                continue;
            }

            if (i > 3)
            {
                // An addition of a later edition: skip its open type (X.696 §16.5).
                reader.ReadOpenTypeBytes();
                continue;
            }

            reader.Push(AdditionNames[i]);
            var token = reader.BeginOpenType();
            header = i switch
            {
                0 => header with { InlineP2pcdRequest = DecodeHashedId3List(reader) },
                1 => header with { RequestedCertificate = Certificate.Decode(reader) },
                2 => header with { PduFunctionalType = reader.ReadUInt8() },
                _ => header with { ContributedExtensions = DecodeBlocks(reader) },
            };
            reader.EndOpenType(token);
            reader.Pop();
        }

        return header;
    }

    private static readonly string[] AdditionNames =
        ["inlineP2pcdRequest", "requestedCertificate", "pduFunctionalType", "contributedExtensions"];

    private static HashedId3[] DecodeHashedId3List(OerReader reader)
    {
        var count = reader.ReadQuantity(minElementOctets: 3);
        var list = new HashedId3[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = HashedId3.Decode(reader);
        }

        return list;
    }

    private static ContributedExtensionBlock[] DecodeBlocks(OerReader reader)
    {
        var count = reader.ReadQuantity(minElementOctets: 3, minCount: 1);
        var list = new ContributedExtensionBlock[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = ContributedExtensionBlock.Decode(reader);
        }

        return list;
    }
}
