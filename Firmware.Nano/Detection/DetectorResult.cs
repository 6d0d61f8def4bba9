using System.Collections;
using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>What one detector found in one run: its status, its level (the worst finding) and the findings.</summary>
public sealed class DetectorResult
{
    /// <summary>A result.</summary>
    public DetectorResult(DetectorFlags detector, DetectorStatus status, Finding[] findings)
    {
        Detector = detector;
        Status = status;
        Findings = findings ?? new Finding[0];
        var level = IntegrityLevel.NoAnomaly;
        foreach (var f in Findings)
        {
            if (f.Level > level)
            {
                level = f.Level;
            }
        }

        Level = level;
    }

    /// <summary>The detector class.</summary>
    public DetectorFlags Detector { get; }

    /// <summary>How far it looked.</summary>
    public DetectorStatus Status { get; }

    /// <summary>The worst finding's level.</summary>
    public IntegrityLevel Level { get; }

    /// <summary>The findings.</summary>
    public Finding[] Findings { get; }

    /// <summary>The result of a detector whose capability is missing: an anomaly when required, else nothing.</summary>
    public static DetectorResult Unavailable(DetectorFlags detector, bool required, string capability)
    {
        if (!required)
        {
            return new DetectorResult(detector, DetectorStatus.NotRequired, null);
        }

        return new DetectorResult(detector, DetectorStatus.CannotCheck, new[]
        {
            new Finding("capability.missing", capability, IntegrityLevel.Anomaly, "the board has no " + capability + ": cannot be checked"),
        });
    }

    /// <summary>A result from a list of findings.</summary>
    public static DetectorResult From(DetectorFlags detector, DetectorStatus status, ArrayList findings)
    {
        var array = new Finding[findings.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = (Finding)findings[i];
        }

        return new DetectorResult(detector, status, array);
    }
}
