using System.Buffers.Binary;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using V2x;
using V2x.Integrity;
using V2x.Time;

namespace Firmware.SecurePartition;

public sealed partial class SecurePartitionService
{
    /// <summary>
    /// The OBU's own anomaly report to the misbehaviour authority (patent fig. 7, message 720; ¶157-158), built here from
    /// the latest scan so that the application can neither write one nor hide what it says: an IdfCompromise when the
    /// effective level is compromised, else an IdfAnomaly; the evidence is the compact integrity report of the scan.
    /// Signed by the active ticket under PSID 0x1D (Docs/misbehaviour.md).
    /// </summary>
    /// <exception cref="PartitionException">NotPermitted when nothing is detected (no anomaly has no report); NoAuthorizationTicket.</exception>
    public byte[] SignOwnAnomalyReport()
    {
        var scan = GetReport();
        if (scan.Level == IntegrityLevel.NoAnomaly)
        {
            throw new PartitionException(PartitionError.NotPermitted, "No anomaly is detected: there is nothing to report.");
        }

        Span<byte> nonce = stackalloc byte[8];
        _options.Board.Random.Fill(nonce);
        var time = Time64.Now(_options.Board.Time);
        var compact = new IntegrityReport(scan.Level, scan.Bitmap, 0, BinaryPrimitives.ReadUInt64BigEndian(nonce), time)
        {
            Coverage = scan.Coverage,
            Posture = Posture.Grade(time),
        };
        var report = new MisbehaviourReport
        {
            GenerationTime = time,
            Kind = scan.Level == IntegrityLevel.Compromised ? MisbehaviourKind.IdfCompromise : MisbehaviourKind.IdfAnomaly,
            Evidence = compact.Encode(),
        };
        return Keys.SignReport(report.ToBytes(), PkiPsids.MisbehaviourReport, Now);
    }

    /// <summary>
    /// Signs a receiver's observation (an <see cref="MisbehaviourReport"/> of kind observation, whose evidence the
    /// application's local misbehaviour detection built) with the active ticket under PSID 0x1D. Any other kind is
    /// refused: the station's own reports are the partition's (<see cref="SignOwnAnomalyReport"/>), findings an investigator's.
    /// </summary>
    /// <exception cref="PartitionException">Malformed (not an observation report); NoAuthorizationTicket; NotPermitted.</exception>
    public byte[] SignObservationReport(ReadOnlyMemory<byte> report)
    {
        MisbehaviourReport decoded;
        try
        {
            decoded = MisbehaviourReport.Decode(report);
        }
        catch (DecodeException e)
        {
            throw new PartitionException(PartitionError.Malformed, $"Not a misbehaviour report: {e.Message}", e);
        }

        if (decoded.Kind != MisbehaviourKind.Observation)
        {
            throw new PartitionException(PartitionError.NotPermitted, $"The application files observations only, not {decoded.Kind} reports.");
        }

        return Keys.SignReport(report.Span, PkiPsids.MisbehaviourReport, Now);
    }
}
