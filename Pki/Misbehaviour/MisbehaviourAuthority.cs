using Pki.Authorities;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;

namespace Pki.Misbehaviour;

/// <summary>
/// The misbehaviour authority (patent ¶157-170): takes reports signed by a valid AT, finds the station behind
/// an AT only through the AA's resolution record and the EA, and acts: an IDF compromise reported by a
/// station's own IDF revokes that station; an incident finding revokes the station behind the subject AT; an
/// implementation compromise revokes every station running it and lowers or withdraws the assessment.
/// Findings and implementation compromises are accepted only from ATs whose misbehaviour-report SSP carries
/// the investigator flag (a station registered as investigator), so an ordinary station cannot revoke others.
/// </summary>
public sealed class MisbehaviourAuthority
{
    private readonly PkiContext _context;
    private readonly Revocations _revocations;

    public MisbehaviourAuthority(PkiContext context, Revocations revocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(revocations);
        _context = context;
        _revocations = revocations;
    }

    /// <summary>Takes one signed report (1609.2 SignedData, PSID 0x1D, signer an AT); returns what was done.</summary>
    /// <exception cref="PkiException">The report is refused; the failure says why.</exception>
    public string ProcessReport(ReadOnlyMemory<byte> message)
    {
        lock (_context.Operation)
        {
            var now = _context.Now;
            Ieee1609Dot2Data data;
            try
            {
                data = Ieee1609Dot2Data.Decode(message);
            }
            catch (DecodeException e)
            {
                throw new PkiException(PkiFailure.Malformed, e.Message, e);
            }

            var signed = data.SignedData ?? throw new PkiException(PkiFailure.WrongContent, $"a report is signed data, not {data.Kind}");
            if (signed.TbsData.HeaderInfo.Psid != PkiPsids.MisbehaviourReport)
            {
                throw new PkiException(PkiFailure.WrongContent, $"headerInfo.psid {signed.TbsData.HeaderInfo.Psid}, expected {PkiPsids.MisbehaviourReport}");
            }

            SecuredMessages.CheckTime(signed.TbsData.HeaderInfo, now);
            var ticket = Reporter(signed);
            LocalTrust.Validator(_context).Validate(ticket, now, requireCrls: true);
            SecuredMessages.VerifyBy(signed, ticket, "report");

            MisbehaviourReport report;
            try
            {
                report = MisbehaviourReport.Decode(signed.TbsData.Payload.Data?.Opaque
                    ?? throw new PkiException(PkiFailure.WrongContent, "the report is not carried as unsecuredData"));
            }
            catch (DecodeException e)
            {
                throw new PkiException(PkiFailure.Malformed, e.Message, e);
            }

            var subjectText = report.Subject?.ToString()
                ?? (report.Implementation is { } i ? $"{i.Vendor}/{i.Product} {i.Versions}" : null);
            using var tx = _context.Store.Begin();
            var action = Act(tx, report, ticket);
            tx.AddReport(_context.NowUtc, report.Kind, ticket.HashedId8.ToString(), subjectText, action);
            tx.Commit();
            return action;
        }
    }

    private string Act(Store.PkiTransaction tx, MisbehaviourReport report, Certificate reporter)
    {
        switch (report.Kind)
        {
            case MisbehaviourKind.IdfCompromise:
                var own = _revocations.StationOf(reporter.HashedId8)
                    ?? throw new PkiException(PkiFailure.UnknownSigner, $"no resolution record for AT {reporter.HashedId8}");
                return _revocations.RevokeStation(tx, own, "its IDF reported a compromise");
            case MisbehaviourKind.IncidentFinding:
                RequireInvestigator(reporter);
                var subject = _revocations.StationOf(report.Subject!.Value)
                    ?? throw new PkiException(PkiFailure.UnknownStation, $"the subject AT {report.Subject} was not issued here");
                return _revocations.RevokeStation(tx, subject, $"incident finding against AT {report.Subject}");
            case MisbehaviourKind.ImplementationCompromise:
                RequireInvestigator(reporter);
                var (vendor, product, versions) = report.Implementation!.Value;
                return _revocations.RevokeImplementation(tx, vendor, product, versions, report.LowerAssessmentTo, "implementation compromise reported");
            default:
                return $"observation about AT {report.Subject} recorded";
        }
    }

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
        return issuer is { Record.Role: Store.AuthorityRole.Authorization }
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
