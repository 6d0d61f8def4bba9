using Pki.Authorities;
using Pki.Store;
using PkiProtocol;
using PkiProtocol.Audit;
using V2x;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Audit;

/// <summary>
/// The audit CA (patent ¶130, ¶154-156, ¶185-190): assesses IDF implementations and signs each version of
/// an assessment (1609.2 SignedData, PSID 0x1E, signer its certificate's digest). Commands: assess, lower,
/// withdraw. The EA asks <see cref="CurrentLevel"/>, which reads only records whose signature verifies and,
/// when several cover one implementation, grants the lowest of their levels (fail closed).
/// </summary>
public sealed class AuditCa
{
    private readonly PkiContext _context;

    public AuditCa(PkiContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Records a new assessment and returns its serial.</summary>
    /// <exception cref="ArgumentException">A field breaks its rule.</exception>
    public uint Assess(string vendor, string product, VersionRange versions, byte level, DateTimeOffset validFrom, DateTimeOffset validUntil, string evidence)
    {
        lock (_context.Operation)
        {
            var serial = (uint)(_context.Store.GetAssessments().Select(a => a.Assessment.Serial).DefaultIfEmpty(0u).Max() + 1);
            var assessment = new Assessment
            {
                Serial = serial,
                Vendor = vendor,
                Product = product,
                Versions = versions,
                Level = level,
                ValidFrom = Time32.FromUtc(validFrom),
                ValidUntil = Time32.FromUtc(validUntil),
                Evidence = evidence ?? string.Empty,
            };
            assessment.Validate();
            using var tx = _context.Store.Begin();
            Write(tx, assessment, "assess", evidence ?? string.Empty);
            tx.Commit();
            return serial;
        }
    }

    /// <summary>Lowers an assessment's level (patent ¶165).</summary>
    /// <exception cref="ArgumentException">Unknown serial, withdrawn, or not a lower level.</exception>
    public void Lower(uint serial, byte level, string reason)
    {
        lock (_context.Operation)
        {
            var current = Get(serial);
            using var tx = _context.Store.Begin();
            Lower(tx, current, level, reason);
            tx.Commit();
        }
    }

    /// <summary>Withdraws an assessment: it grants nothing from now on.</summary>
    /// <exception cref="ArgumentException">Unknown serial or already withdrawn.</exception>
    public void Withdraw(uint serial, string reason)
    {
        lock (_context.Operation)
        {
            var current = Get(serial);
            using var tx = _context.Store.Begin();
            Withdraw(tx, current, reason);
            tx.Commit();
        }
    }

    /// <summary>
    /// The integrity-detection assurance level granted to <paramref name="idf"/> at <paramref name="time"/>:
    /// the lowest level among the valid, signed assessments covering it, or null when none does.
    /// </summary>
    public byte? CurrentLevel(IdfImplementation idf, Time64 time)
    {
        ArgumentNullException.ThrowIfNull(idf);
        var audit = _context.Ca(AuthorityRole.Audit).Certificate;
        byte? level = null;
        foreach (var entry in _context.Store.GetAssessments())
        {
            if (!Verifies(entry.Signed, audit) || !entry.Assessment.Covers(idf, time))
            {
                continue;
            }

            level = level is null ? entry.Assessment.Level : Math.Min(level.Value, entry.Assessment.Level);
        }

        return level;
    }

    /// <summary>The assessments, as recorded.</summary>
    public IReadOnlyList<Assessment> Assessments => [.. _context.Store.GetAssessments().Select(e => e.Assessment)];

    internal void Lower(PkiTransaction tx, Assessment current, byte level, string reason)
    {
        if (current.Status == AssessmentStatus.Withdrawn || level >= current.Level)
        {
            throw new ArgumentException($"assessment {current.Serial} is {current.Status} at level {current.Level}: it can only be lowered below it");
        }

        Write(tx, current with { Level = level, Status = AssessmentStatus.Lowered }, "lower", reason);
    }

    internal void Withdraw(PkiTransaction tx, Assessment current, string reason)
    {
        if (current.Status == AssessmentStatus.Withdrawn)
        {
            throw new ArgumentException($"assessment {current.Serial} is already withdrawn");
        }

        Write(tx, current with { Status = AssessmentStatus.Withdrawn }, "withdraw", reason);
    }

    private Assessment Get(uint serial) =>
        _context.Store.GetAssessments().Select(e => e.Assessment).FirstOrDefault(a => a.Serial == serial)
            ?? throw new ArgumentException($"no assessment with serial {serial}", nameof(serial));

    private void Write(PkiTransaction tx, Assessment assessment, string action, string reason)
    {
        var audit = _context.Ca(AuthorityRole.Audit);
        var signed = audit.Signer.SignPayload(assessment.ToBytes(), new HeaderInfo { Psid = IntegrityAssurance.Psid, GenerationTime = _context.Now },
            SignerChoice.Digest);
        tx.PutAssessment(assessment.Serial, assessment.Vendor, assessment.Product, signed);
        tx.AddAssessmentHistory(assessment.Serial, _context.NowUtc, action, assessment.Level, reason);
    }

    /// <summary>The assessment inside a signed record (signature not checked).</summary>
    /// <exception cref="DecodeException">Not a signed assessment record.</exception>
    public static Assessment ReadPayload(byte[] signed)
    {
        var data = Ieee1609Dot2Data.Decode(signed);
        var payload = data.SignedData?.TbsData.Payload.Data?.Opaque
            ?? throw new DecodeException("IdfAssessment", 0, "not a signed assessment record");
        return Assessment.Decode(payload);
    }

    private static bool Verifies(byte[] signed, V2x.Security.Certificates.Certificate audit)
    {
        try
        {
            var data = Ieee1609Dot2Data.Decode(signed);
            PkiProtocol.Protocol.SecuredMessages.VerifyBy(data.SignedData ?? throw new PkiException(PkiFailure.WrongContent, "unsigned"), audit, "assessment");
            return true;
        }
        catch (PkiException)
        {
            return false;
        }
        catch (DecodeException)
        {
            return false;
        }
    }
}
