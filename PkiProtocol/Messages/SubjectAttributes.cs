using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 (EtsiTs102941BaseTypes) CertificateSubjectAttributes ::= SEQUENCE { id
/// CertificateId OPTIONAL, validityPeriod OPTIONAL, region OPTIONAL, assuranceLevel SubjectAssurance
/// OPTIONAL, appPermissions SequenceOfPsidSsp OPTIONAL, certIssuePermissions
/// SequenceOfPsidGroupPermissions OPTIONAL, ..., intDetectAssuranceLevel INTEGER (0..7) }, with the
/// constraint that appPermissions or certIssuePermissions is present.
/// </summary>
/// <remarks>
/// intDetectAssuranceLevel is this project's extension addition (patent ¶189-193): the EA tells the AA
/// the integrity-detection assurance level the audit CA granted the station's IDF implementation. It is
/// added after the extension marker, so a decoder of the standard type skips it as an unknown addition
/// (X.696 §16.5). Its value: INTEGER (0..7), one octet, inside an open type.
/// </remarks>
public sealed record SubjectAttributes
{
    private const int RootOptionals = 6;

    public CertificateId? Id { get; init; }

    public ValidityPeriod? ValidityPeriod { get; init; }

    public GeographicRegion? Region { get; init; }

    /// <summary>SubjectAssurance (IEEE 1609.2 §6.4.27): level in bits 7-5, confidence in bits 1-0.</summary>
    public byte? AssuranceLevel { get; init; }

    public IReadOnlyList<PsidSsp>? AppPermissions { get; init; }

    public IReadOnlyList<PsidGroupPermissions>? CertIssuePermissions { get; init; }

    /// <summary>The integrity-detection assurance level (0..7), or null when no valid assessment exists.</summary>
    public byte? IntDetectAssuranceLevel { get; init; }

    /// <summary>Whether extension additions this decoder does not know were present (and skipped).</summary>
    public bool HadUnknownExtensions { get; init; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (AppPermissions is null && CertIssuePermissions is null)
        {
            throw new ArgumentException("CertificateSubjectAttributes carries appPermissions or certIssuePermissions");
        }

        if (IntDetectAssuranceLevel > 7)
        {
            throw new ArgumentException("intDetectAssuranceLevel is 0..7");
        }

        var extension = IntDetectAssuranceLevel.HasValue;
        writer.WritePreamble(extensible: true, extension, OerRules.PresenceBits(Id is not null, ValidityPeriod.HasValue, Region is not null,
            AssuranceLevel.HasValue, AppPermissions is not null, CertIssuePermissions is not null), RootOptionals);
        Id?.Encode(writer);
        ValidityPeriod?.Encode(writer);
        Region?.Encode(writer);
        if (AssuranceLevel is { } assurance)
        {
            writer.WriteByte(assurance);
        }

        if (AppPermissions is not null)
        {
            PsidSsp.EncodeList(writer, AppPermissions);
        }

        if (CertIssuePermissions is not null)
        {
            writer.WriteQuantity(CertIssuePermissions.Count);
            foreach (var g in CertIssuePermissions)
            {
                g.Encode(writer);
            }
        }

        if (IntDetectAssuranceLevel is { } level)
        {
            // X.696 §16.4-16.5: bitmap of the one addition this type defines, then the addition as an open type.
            writer.WriteExtensionBitmap(1, 1);
            writer.WriteLength(1);
            writer.WriteByte(level);
        }
    }

    public static SubjectAttributes Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(extensible: true, RootOptionals, out var extension);
        CertificateId? id = null;
        ValidityPeriod? validity = null;
        GeographicRegion? region = null;
        byte? assurance = null;
        PsidSsp[]? app = null;
        PsidGroupPermissions[]? issue = null;
        if (OerReader.IsPresent(bits, RootOptionals, 0))
        {
            reader.Push("id");
            id = CertificateId.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 1))
        {
            reader.Push("validityPeriod");
            validity = V2x.Security.Certificates.ValidityPeriod.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 2))
        {
            reader.Push("region");
            region = GeographicRegion.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 3))
        {
            reader.Push("assuranceLevel");
            assurance = reader.ReadUInt8();
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 4))
        {
            reader.Push("appPermissions");
            app = PsidSsp.DecodeList(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, RootOptionals, 5))
        {
            reader.Push("certIssuePermissions");
            issue = new PsidGroupPermissions[reader.ReadQuantity(minElementOctets: 2)];
            for (var i = 0; i < issue.Length; i++)
            {
                issue[i] = PsidGroupPermissions.Decode(reader);
            }

            reader.Pop();
        }

        if (app is null && issue is null)
        {
            throw reader.FailAt(start, "neither appPermissions nor certIssuePermissions is present");
        }

        byte? level = null;
        var unknown = false;
        if (extension)
        {
            var bitmap = reader.ReadExtensionBitmap();
            for (var i = 0; i < bitmap.BitCount; i++)
            {
                if (!bitmap.IsPresent(i))
                {
                    continue;
                }

                if (i > 0)
                {
                    unknown = true;
                    reader.ReadOpenTypeBytes();
                    continue;
                }

                reader.Push("intDetectAssuranceLevel");
                var token = reader.BeginOpenType();
                var at = reader.Position;
                level = reader.ReadUInt8();
                if (level > 7)
                {
                    throw reader.FailAt(at, $"intDetectAssuranceLevel {level} is outside 0..7");
                }

                reader.EndOpenType(token);
                reader.Pop();
            }
        }

        return new SubjectAttributes
        {
            Id = id,
            ValidityPeriod = validity,
            Region = region,
            AssuranceLevel = assurance,
            AppPermissions = app,
            CertIssuePermissions = issue,
            IntDetectAssuranceLevel = level,
            HadUnknownExtensions = unknown,
        };
    }
}
