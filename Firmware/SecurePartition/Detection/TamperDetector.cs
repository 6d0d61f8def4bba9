using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>HSM tamper (patent ¶104): a latched tamper sensor means the unit is compromised; new events are the evidence.</summary>
public sealed class TamperDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.HsmTamper;

    /// <inheritdoc />
    public DetectorResult Run(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sensor = context.Board.Tamper;
        if (sensor is null)
        {
            return DetectorResult.Unavailable(Detector, context.Requires(Detector), "tamper sensor");
        }

        var evidence = new List<Evidence>();
        foreach (var e in sensor.ReadSince(context.Cursors.Tamper))
        {
            context.Cursors.Tamper = Math.Max(context.Cursors.Tamper, e.Sequence);
            evidence.Add(new Evidence("tamper.event", e.Source, IntegrityLevel.Compromised, $"tamper event {e.Sequence} from {e.Source} at {e.Time:O}"));
        }

        if (sensor.IsLatched && evidence.Count == 0)
        {
            evidence.Add(new Evidence("tamper.latch", "secure element", IntegrityLevel.Compromised, "the tamper latch is set"));
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, evidence);
    }
}
