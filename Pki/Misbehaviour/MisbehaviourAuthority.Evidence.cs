using Pki.Store;
using PkiProtocol;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using V2x;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Pki.Misbehaviour;

public sealed partial class MisbehaviourAuthority
{
    // A receiver's observation: the evidence is an ETSI TS 103 759 report whose PDUs the subject AT signed. Only evidence
    // that verifies under the subject's certificate is counted, so a reporter cannot make a station look bad with made-up
    // messages; and it counts once per reporting station (through the resolution record), however many pseudonyms it has.
    private string Observe(PkiTransaction tx, MisbehaviourReport report, Certificate reporter, byte[] digest)
    {
        var subject = report.Subject!.Value;
        ObservationReport evidence;
        try
        {
            evidence = ObservationReport.Decode(report.Evidence);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, $"the observation's evidence is no TS 103 759 report: {e.Message}", e);
        }

        var ticket = _context.Store.GetCertificate(subject)
            ?? throw new PkiException(PkiFailure.UnknownStation, $"the subject AT {subject} was not issued here");
        foreach (var pdu in evidence.Pdus)
        {
            CheckEvidence(pdu, ticket, evidence.Aid);
        }

        var reporterStation = _revocations.StationOf(reporter.HashedId8)
            ?? throw new PkiException(PkiFailure.UnknownSigner, $"no resolution record for the reporting AT {reporter.HashedId8}");
        var subjectStation = _revocations.StationOf(subject);
        if (subjectStation == reporterStation)
        {
            throw new PkiException(PkiFailure.WrongContent, "a station does not file observations about its own tickets");
        }

        var classes = string.Join(",", evidence.Observations.Distinct());
        var counted = Detection.Count(tx, new ObservationRecord(_context.NowUtc, MisbehaviourKind.Observation, reporterStation, subject, subjectStation,
            subjectStation is null ? null : _context.Store.GetStation(subjectStation)?.Idf, classes), digest);
        if (!counted)
        {
            return $"observation about AT {subject} ({classes}) already counted";
        }

        return subjectStation is null
            ? $"observation about AT {subject} ({classes}) recorded; its station is not known"
            : $"observation about AT {subject} ({classes}) counted" + Detection.EvaluateStation(tx, subjectStation);
    }

    // One PDU of evidence: signed data under the report's AID, signed by the subject AT (digest or that certificate), verifying.
    private static void CheckEvidence(ReadOnlyMemory<byte> pdu, Certificate ticket, Psid aid)
    {
        SignedData signed;
        try
        {
            signed = Ieee1609Dot2Data.Decode(pdu).SignedData ?? throw new PkiException(PkiFailure.WrongContent, "a PDU of evidence is not signed data");
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, $"a PDU of evidence does not decode: {e.Message}", e);
        }

        if (signed.TbsData.HeaderInfo.Psid != aid)
        {
            throw new PkiException(PkiFailure.WrongContent, $"a PDU of evidence is under PSID {signed.TbsData.HeaderInfo.Psid}, the report is about {aid}");
        }

        SecuredMessages.VerifyBy(signed, ticket, "evidence");
    }

    // An own anomaly report carries the partition's compact integrity report: an anomaly or high anomaly (a compromise is IdfCompromise).
    private static string AnomalyLevel(MisbehaviourReport report)
    {
        IntegrityReport compact;
        try
        {
            compact = IntegrityReport.Decode(report.Evidence);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, $"the anomaly report's evidence is no integrity report: {e.Message}", e);
        }

        return compact.Level is IntegrityLevel.Anomaly or IntegrityLevel.HighAnomaly
            ? $"{compact.Level} {compact.Detectors}"
            : throw new PkiException(PkiFailure.WrongContent, $"an anomaly report carries an anomaly or high anomaly, not {compact.Level}");
    }
}
