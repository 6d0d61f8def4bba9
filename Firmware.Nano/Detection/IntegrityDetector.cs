using System.Collections;
using Firmware.Nano.Boot;
using Firmware.Nano.Counters;
using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>
/// Integrity check (patent ¶138-141): the boot measurement against the signed manifest (a missing or forged
/// manifest or policy, a changed, missing or oversized image is a compromise), and the message counter's
/// NVS record found behind the secure element's counter (flash restored: a high anomaly).
/// </summary>
public sealed class IntegrityDetector : IDetector
{
    private readonly BootMeasurement _boot;
    private readonly MessageCounter _counter;

    /// <summary>A detector over the boot measurement and the counter.</summary>
    public IntegrityDetector(BootMeasurement boot, MessageCounter counter)
    {
        _boot = boot;
        _counter = counter;
    }

    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.IntegrityCheck;

    /// <inheritdoc />
    public DetectorResult Run(McuBoard board, Policy.McuPolicy policy)
    {
        if (_boot == null)
        {
            return DetectorResult.Unavailable(Detector, (policy.RequiredDetectors & Detector) != 0, "boot measurement");
        }

        var findings = new ArrayList();
        if (_boot.Problem != null)
        {
            findings.Add(new Finding("integrity.manifest", "manifest", IntegrityLevel.Compromised, _boot.Problem));
        }

        foreach (var stage in _boot.Stages)
        {
            if (stage.Verdict != StageVerdict.Match)
            {
                findings.Add(new Finding("boot." + VerdictCode(stage.Verdict), stage.Label, IntegrityLevel.Compromised, stage.Detail));
            }
        }

        if (_counter != null && _counter.RollbackDetected)
        {
            findings.Add(new Finding("integrity.counter-rollback", "nvs", IntegrityLevel.HighAnomaly,
                "the counter record in NVS is older than the secure element's counter: flash was restored"));
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, findings);
    }

    private static string VerdictCode(StageVerdict verdict)
    {
        switch (verdict)
        {
            case StageVerdict.Mismatch:
                return "mismatch";
            case StageVerdict.Missing:
                return "missing";
            default:
                return "too-long";
        }
    }
}
