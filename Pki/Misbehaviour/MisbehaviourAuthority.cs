using Pki.Authorities;
using Pki.Store;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Encryption;
using V2x.Time;

namespace Pki.Misbehaviour;

/// <summary>
/// The misbehaviour authority (patent fig. 3, fig. 7, ¶73-86, ¶157-170): takes reports signed by a valid AT and encrypted
/// for its certificate, finds the station behind an AT only through the AA's resolution record and the EA, and acts: an
/// IDF compromise reported by a station's own IDF revokes that station; an incident finding revokes the station behind
/// the subject AT; an implementation compromise revokes every station running it and lowers or withdraws the assessment;
/// a receiver's observation (ETSI TS 103 759 evidence, checked against the subject's certificate) and a station's own
/// anomaly report are counted by the global detection (<see cref="GlobalDetection"/>), which asks for a station-wide or
/// model-wide revocation above its thresholds. Findings and implementation compromises are accepted only from ATs whose
/// misbehaviour-report SSP carries the investigator flag, so an ordinary station cannot revoke others by itself.
/// </summary>
public sealed partial class MisbehaviourAuthority
{
    /// <summary>How old a report may be when it arrives (a station queues them while offline).</summary>
    public static readonly TimeSpan MaxReportAge = TimeSpan.FromDays(1);

    private readonly PkiContext _context;
    private readonly Revocations _revocations;

    public MisbehaviourAuthority(PkiContext context, Revocations revocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(revocations);
        _context = context;
        _revocations = revocations;
        Detection = new GlobalDetection(context, revocations);
    }

    /// <summary>The global detection (counts, thresholds, revocation requests).</summary>
    public GlobalDetection Detection { get; }

    /// <summary>
    /// Takes one report: IEEE 1609.2 encrypted data (certRecipInfo for this authority's certificate) of signed data
    /// (PSID 0x1D, signer an AT, generationTime within <see cref="MaxReportAge"/>); returns what was done.
    /// </summary>
    /// <exception cref="PkiException">The report is refused; the failure says why, and nothing is recorded.</exception>
    public string ProcessReport(ReadOnlyMemory<byte> message)
    {
        lock (_context.Operation)
        {
            var now = _context.Now;
            var (signed, plaintext) = Open(message, now);
            var ticket = Reporter(signed);
            LocalTrust.Validator(_context).Validate(ticket, now, requireCrls: true);
            SecuredMessages.VerifyBy(signed, ticket, "report");

            MisbehaviourReport report;
            try
            {
                report = MisbehaviourReport.Decode(signed.TbsData.Payload.Data!.Opaque);
            }
            catch (DecodeException e)
            {
                throw new PkiException(PkiFailure.Malformed, e.Message, e);
            }

            var subjectText = report.Subject?.ToString()
                ?? (report.Implementation is { } i ? $"{i.Vendor}/{i.Product} {i.Versions}" : null);
            using var tx = _context.Store.Begin();
            // The signed report's digest: the same report, encrypted again, is counted once.
            var action = Act(tx, report, ticket, System.Security.Cryptography.SHA256.HashData(plaintext.Span));
            tx.AddReport(_context.NowUtc, report.Kind, ticket.HashedId8.ToString(), subjectText, action);
            tx.Commit();
            return action;
        }
    }

    // Decrypts with this authority's key and reads the signed report inside (signature checked by the caller).
    private (SignedData Signed, ReadOnlyMemory<byte> Plaintext) Open(ReadOnlyMemory<byte> message, Time64 now)
    {
        var ma = _context.Ca(AuthorityRole.Misbehaviour);
        var decryptor = new SpduDecryptor();
        decryptor.AddCertificateKey(ma.Certificate, ma.EncryptionKey ?? throw new InvalidOperationException("the misbehaviour authority has no encryption key"));
        DecryptedSpdu decrypted;
        try
        {
            decrypted = decryptor.DecodeAndDecrypt(message);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
        catch (DecryptionException e) when (e.Failure == DecryptionFailure.NotEncrypted)
        {
            throw new PkiException(PkiFailure.WrongContent, $"a report is encrypted for the misbehaviour authority ({e.Message})", e);
        }
        catch (DecryptionException e)
        {
            throw new PkiException(PkiFailure.Undecryptable, e.Message, e);
        }

        var (signed, _) = SecuredMessages.ReadSignedPayload(decrypted.Plaintext, now, PkiPsids.MisbehaviourReport, checkTime: false);

        // A queued report may arrive late, never from the future (TS 102 941 §6.2.3 skew) nor older than MaxReportAge.
        var generated = signed.TbsData.HeaderInfo.GenerationTime ?? throw new PkiException(PkiFailure.Malformed, "headerInfo.generationTime is absent");
        if (generated > now && generated.Since(now) > SecuredMessages.MaxClockSkew)
        {
            throw new PkiException(PkiFailure.OutOfSync, $"the report is generated {generated.Since(now).TotalSeconds:F0} s ahead of the authority's clock");
        }

        if (generated < now && now.Since(generated) > MaxReportAge)
        {
            throw new PkiException(PkiFailure.OutOfSync, $"the report is {now.Since(generated).TotalHours:F0} h old; reports older than {MaxReportAge.TotalHours:F0} h are not taken");
        }

        return (signed, decrypted.Plaintext);
    }

    private string Act(PkiTransaction tx, MisbehaviourReport report, Certificate reporter, byte[] digest)
    {
        switch (report.Kind)
        {
            case MisbehaviourKind.IdfCompromise:
                var own = _revocations.StationOf(reporter.HashedId8)
                    ?? throw new PkiException(PkiFailure.UnknownSigner, $"no resolution record for AT {reporter.HashedId8}");
                Detection.Count(tx, OwnRecord(own, MisbehaviourKind.IdfCompromise, "compromised"), digest);
                return _revocations.RevokeStation(tx, own, "its IDF reported a compromise") + Detection.EvaluateImplementation(tx, own);
            case MisbehaviourKind.IncidentFinding:
                RequireInvestigator(reporter);
                var subject = _revocations.StationOf(report.Subject!.Value)
                    ?? throw new PkiException(PkiFailure.UnknownStation, $"the subject AT {report.Subject} was not issued here");
                return _revocations.RevokeStation(tx, subject, $"incident finding against AT {report.Subject}");
            case MisbehaviourKind.ImplementationCompromise:
                RequireInvestigator(reporter);
                var (vendor, product, versions) = report.Implementation!.Value;
                return _revocations.RevokeImplementation(tx, vendor, product, versions, report.LowerAssessmentTo, "implementation compromise reported");
            case MisbehaviourKind.IdfAnomaly:
                var station = _revocations.StationOf(reporter.HashedId8)
                    ?? throw new PkiException(PkiFailure.UnknownSigner, $"no resolution record for AT {reporter.HashedId8}");
                var level = AnomalyLevel(report);
                Detection.Count(tx, OwnRecord(station, MisbehaviourKind.IdfAnomaly, level), digest);
                return $"IDF anomaly ({level}) of station {station} counted" + Detection.EvaluateImplementation(tx, station);
            default:
                return Observe(tx, report, reporter, digest);
        }
    }

    private ObservationRecord OwnRecord(string station, MisbehaviourKind kind, string classes) =>
        new(_context.NowUtc, kind, station, null, station, _context.Store.GetStation(station)?.Idf, classes);

    private Certificate Reporter(SignedData signed)
    {
        var ticket = signed.Signer.Kind switch
        {
            SignerKind.Certificate => signed.Signer.Certificates[0],
            SignerKind.Digest => _context.Store.GetCertificate(signed.Signer.Digest)
                ?? throw new PkiException(PkiFailure.UnknownSigner, $"no AT {signed.Signer.Digest} was issued here (unknown signer)"),
            _ => throw new PkiException(PkiFailure.UnknownSigner, "a report is signed by an AT, not self"),
        };
        var issuer = ticket.Issuer.IsSelf ? null : _context.CaByDigest(ticket.Issuer.Digest);
        return issuer is { Record.Role: AuthorityRole.Authorization }
            ? ticket
            : throw new PkiException(PkiFailure.UnknownSigner, $"the signer {ticket.HashedId8} is not an AT of this PKI (unknown issuer {ticket.Issuer.Digest})");
    }

    private static void RequireInvestigator(Certificate reporter)
    {
        var ssp = reporter.ToBeSigned.AppPermissions?.FirstOrDefault(p => p.Psid == PkiPsids.MisbehaviourReport)?.Ssp;
        var span = ssp is null ? [] : ssp.Value.Span;
        if (span.Length < 2 || span[0] != 0x01 || (span[1] & 0x01) == 0)
        {
            throw new PkiException(PkiFailure.DeniedPermissions, "only an investigator's AT may file findings and implementation compromises");
        }
    }
}
