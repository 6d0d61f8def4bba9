using PkiProtocol.Audit;
using V2x.Oer;
using V2x.Security;
using V2x.Time;

namespace PkiProtocol.Misbehaviour;

/// <summary>
/// A misbehaviour report to the bench misbehaviour authority. ETSI TS 103 759 reports describe plausibility failures of
/// CAM/DENM contents, not IDF compromises, so the envelope is a small project-private OER structure (Docs/pki.md,
/// Docs/misbehaviour.md) whose evidence, for an observation, is the TS 103 759 report (<see cref="ObservationReport"/>);
/// sent as a 1609.2 SignedData signed by an AT with PSID 0x1D (<see cref="Messages.PkiPsids.MisbehaviourReport"/>),
/// encrypted for the misbehaviour authority's certificate.
/// </summary>
/// <remarks>
/// IdfMisbehaviourReport ::= SEQUENCE { version Uint8 (1), generationTime Time64, kind ENUMERATED {
/// idfCompromise, incidentFinding, implementationCompromise, observation, ..., idfAnomaly }, subject HashedId8
/// OPTIONAL, implementation SEQUENCE { vendor, product UTF8String (SIZE(1..64)), firstVersion,
/// lastVersion UTF8String (SIZE(1..32)) } OPTIONAL, lowerAssessmentTo INTEGER (0..7) OPTIONAL,
/// evidence OCTET STRING (SIZE(0..2048)), ... }. subject is present for incidentFinding and observation;
/// implementation for implementationCompromise; lowerAssessmentTo absent means withdraw the assessment.
/// </remarks>
public sealed record MisbehaviourReport
{
    public const byte Version = 1;

    public const int MaxEvidenceOctets = 2048;

    public required Time64 GenerationTime { get; init; }

    public required MisbehaviourKind Kind { get; init; }

    /// <summary>The AT reported on (incident finding, observation).</summary>
    public HashedId8? Subject { get; init; }

    /// <summary>The compromised IDF implementation: vendor, product and the affected versions.</summary>
    public (string Vendor, string Product, VersionRange Versions)? Implementation { get; init; }

    /// <summary>For an implementation compromise: the level the assessment is lowered to; null withdraws it.</summary>
    public byte? LowerAssessmentTo { get; init; }

    public ReadOnlyMemory<byte> Evidence { get; init; }

    public byte[] ToBytes()
    {
        Validate();
        var writer = new OerWriter(128 + Evidence.Length);
        writer.WritePreamble(true, false, OerRules.PresenceBits(Subject.HasValue, Implementation.HasValue, LowerAssessmentTo.HasValue), 3);
        writer.WriteByte(Version);
        writer.WriteUInt64(GenerationTime.Microseconds);
        writer.WriteEnumerated((int)Kind);
        Subject?.Encode(writer);
        if (Implementation is { } i)
        {
            IdfImplementation.WriteUtf8(writer, i.Vendor, 64);
            IdfImplementation.WriteUtf8(writer, i.Product, 64);
            IdfImplementation.WriteUtf8(writer, i.Versions.First, 32);
            IdfImplementation.WriteUtf8(writer, i.Versions.Last, 32);
        }

        if (LowerAssessmentTo is { } level)
        {
            writer.WriteByte(level);
        }

        writer.WriteOctetString(Evidence.Span, 0, MaxEvidenceOctets);
        return writer.ToArray();
    }

    /// <exception cref="DecodeException">Not a canonical report, or one whose fields contradict its kind.</exception>
    public static MisbehaviourReport Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "IdfMisbehaviourReport");
        var start = reader.Position;
        var bits = reader.ReadPreamble(true, 3, out var extension);
        reader.Push("version");
        var at = reader.Position;
        if (reader.ReadUInt8() != Version)
        {
            throw reader.FailAt(at, $"report version is not {Version}");
        }

        reader.Pop();
        reader.Push("generationTime");
        var time = new Time64(reader.ReadUInt64());
        reader.Pop();
        reader.Push("kind");
        var kind = (MisbehaviourKind)reader.ReadEnumerated(static v => v is >= 0 and <= 4);
        reader.Pop();
        HashedId8? subject = null;
        (string, string, VersionRange)? implementation = null;
        byte? lower = null;
        if (OerReader.IsPresent(bits, 3, 0))
        {
            reader.Push("subject");
            subject = HashedId8.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, 3, 1))
        {
            reader.Push("implementation");
            at = reader.Position;
            var vendor = IdfImplementation.ReadUtf8(reader, "vendor", 64);
            var product = IdfImplementation.ReadUtf8(reader, "product", 64);
            var first = IdfImplementation.ReadUtf8(reader, "firstVersion", 32);
            var last = IdfImplementation.ReadUtf8(reader, "lastVersion", 32);
            try
            {
                implementation = (IdfImplementation.CheckName(vendor, 64, "vendor"), IdfImplementation.CheckName(product, 64, "product"), new VersionRange(first, last));
            }
            catch (ArgumentException e)
            {
                throw reader.FailAt(at, e.Message);
            }

            reader.Pop();
        }

        if (OerReader.IsPresent(bits, 3, 2))
        {
            reader.Push("lowerAssessmentTo");
            at = reader.Position;
            lower = reader.ReadUInt8();
            if (lower > 7)
            {
                throw reader.FailAt(at, $"level {lower} is outside 0..7");
            }

            reader.Pop();
        }

        reader.Push("evidence");
        var evidence = reader.ReadOctetString(0, MaxEvidenceOctets);
        reader.Pop();
        PkiProtocol.Messages.OerExtensions.SkipAdditions(reader, extension);
        reader.ExpectEnd();
        var report = new MisbehaviourReport
        {
            GenerationTime = time,
            Kind = kind,
            Subject = subject,
            Implementation = implementation,
            LowerAssessmentTo = lower,
            Evidence = evidence,
        };
        try
        {
            report.Validate();
        }
        catch (ArgumentException e)
        {
            throw reader.FailAt(start, e.Message);
        }

        return report;
    }

    /// <exception cref="ArgumentException">The fields contradict the kind.</exception>
    public void Validate()
    {
        var needsSubject = Kind is MisbehaviourKind.IncidentFinding or MisbehaviourKind.Observation;
        if (needsSubject != Subject.HasValue)
        {
            throw new ArgumentException($"a {Kind} report {(needsSubject ? "names" : "does not name")} a subject AT");
        }

        var needsImplementation = Kind == MisbehaviourKind.ImplementationCompromise;
        if (needsImplementation != Implementation.HasValue || (!needsImplementation && LowerAssessmentTo.HasValue))
        {
            throw new ArgumentException($"a {Kind} report {(needsImplementation ? "names" : "does not name")} an implementation");
        }

        if (LowerAssessmentTo > 7 || Evidence.Length > MaxEvidenceOctets)
        {
            throw new ArgumentException("level 0..7, evidence at most 2048 octets");
        }
    }
}
