using System.Text;
using PkiProtocol.Audit;
using V2x.Oer;
using V2x.Time;

namespace Pki.Audit;

/// <summary>
/// An audit CA's assessment of an IDF implementation (patent ¶130, ¶154-156, ¶185-190): vendor, product,
/// version range → integrity-detection assurance level 0..7 (following Common Criteria EAL 1-7), with a
/// validity period and an evidence reference. The audit CA signs each version of the record; the EA
/// reads only records whose signature verifies.
/// </summary>
/// <remarks>
/// OER (project-private, Docs/pki.md): IdfAssessment ::= SEQUENCE { version Uint8 (1), serial Uint32,
/// vendor UTF8String (SIZE(1..64)), product UTF8String (SIZE(1..64)), firstVersion UTF8String
/// (SIZE(1..32)), lastVersion UTF8String (SIZE(1..32)), level INTEGER (0..7), validFrom Time32,
/// validUntil Time32, status ENUMERATED { active, lowered, withdrawn }, evidence UTF8String
/// (SIZE(0..255)), ... }.
/// </remarks>
public sealed record Assessment
{
    public const byte RecordVersion = 1;

    public required uint Serial { get; init; }

    public required string Vendor { get; init; }

    public required string Product { get; init; }

    public required VersionRange Versions { get; init; }

    /// <summary>0..7 (Common Criteria EAL 1-7; 0 = assessed, no assurance).</summary>
    public required byte Level { get; init; }

    public required Time32 ValidFrom { get; init; }

    public required Time32 ValidUntil { get; init; }

    public AssessmentStatus Status { get; init; }

    /// <summary>Where the evidence is (a report reference, a URL).</summary>
    public string Evidence { get; init; } = string.Empty;

    /// <summary>Whether the assessment grants a level to <paramref name="idf"/> at <paramref name="time"/>.</summary>
    public bool Covers(IdfImplementation idf, Time64 time)
    {
        ArgumentNullException.ThrowIfNull(idf);
        return Status != AssessmentStatus.Withdrawn
            && string.Equals(idf.Vendor, Vendor, StringComparison.Ordinal)
            && string.Equals(idf.Product, Product, StringComparison.Ordinal)
            && Versions.Contains(idf.Version)
            && time >= ValidFrom.ToTime64() && time < ValidUntil.ToTime64();
    }

    public byte[] ToBytes()
    {
        Validate();
        var writer = new OerWriter(160);
        writer.WritePreamble(true, false, 0, 0);
        writer.WriteByte(RecordVersion);
        writer.WriteUInt32(Serial);
        IdfImplementation.WriteUtf8(writer, Vendor, 64);
        IdfImplementation.WriteUtf8(writer, Product, 64);
        IdfImplementation.WriteUtf8(writer, Versions.First, 32);
        IdfImplementation.WriteUtf8(writer, Versions.Last, 32);
        writer.WriteByte(Level);
        writer.WriteUInt32(ValidFrom.Seconds);
        writer.WriteUInt32(ValidUntil.Seconds);
        writer.WriteEnumerated((int)Status);
        writer.WriteOctetString(Encoding.UTF8.GetBytes(Evidence), 0, 255);
        return writer.ToArray();
    }

    /// <exception cref="DecodeException">Not a canonical IdfAssessment.</exception>
    public static Assessment Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "IdfAssessment");
        var start = reader.Position;
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("version");
        var at = reader.Position;
        if (reader.ReadUInt8() != RecordVersion)
        {
            throw reader.FailAt(at, $"record version is not {RecordVersion}");
        }

        reader.Pop();
        reader.Push("serial");
        var serial = reader.ReadUInt32();
        reader.Pop();
        var vendor = IdfImplementation.ReadUtf8(reader, "vendor", 64);
        var product = IdfImplementation.ReadUtf8(reader, "product", 64);
        var first = IdfImplementation.ReadUtf8(reader, "firstVersion", 32);
        var last = IdfImplementation.ReadUtf8(reader, "lastVersion", 32);
        reader.Push("level");
        at = reader.Position;
        var level = reader.ReadUInt8();
        if (level > 7)
        {
            throw reader.FailAt(at, $"level {level} is outside 0..7");
        }

        reader.Pop();
        reader.Push("validFrom");
        var from = new Time32(reader.ReadUInt32());
        reader.Pop();
        reader.Push("validUntil");
        var until = new Time32(reader.ReadUInt32());
        reader.Pop();
        reader.Push("status");
        var status = (AssessmentStatus)reader.ReadEnumerated(static v => v is >= 0 and <= 2);
        reader.Pop();
        reader.Push("evidence");
        var evidence = reader.ReadUtf8String(0, 255);
        reader.Pop();
        PkiProtocol.Messages.OerExtensions.SkipAdditions(reader, extension);
        reader.ExpectEnd();
        try
        {
            var assessment = new Assessment
            {
                Serial = serial,
                Vendor = vendor,
                Product = product,
                Versions = new VersionRange(first, last),
                Level = level,
                ValidFrom = from,
                ValidUntil = until,
                Status = status,
                Evidence = evidence,
            };
            assessment.Validate();
            return assessment;
        }
        catch (ArgumentException e)
        {
            throw reader.FailAt(start, e.Message);
        }
    }

    /// <exception cref="ArgumentException">A field breaks its rule.</exception>
    public void Validate()
    {
        IdfImplementation.CheckName(Vendor, 64, nameof(Vendor));
        IdfImplementation.CheckName(Product, 64, nameof(Product));
        ArgumentNullException.ThrowIfNull(Versions);
        if (Level > 7)
        {
            throw new ArgumentException("an assessment level is 0..7", nameof(Level));
        }

        if (ValidUntil <= ValidFrom)
        {
            throw new ArgumentException("an assessment ends after it starts", nameof(ValidUntil));
        }

        if (Encoding.UTF8.GetByteCount(Evidence) > 255)
        {
            throw new ArgumentException("the evidence reference is at most 255 UTF-8 octets", nameof(Evidence));
        }
    }
}
