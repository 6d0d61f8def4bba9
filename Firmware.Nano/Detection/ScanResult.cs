using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>The state the report is made from: the level and detector classes latched since start, and the coverage of the last full scan.</summary>
public sealed class ScanResult
{
    /// <summary>A result.</summary>
    public ScanResult(IntegrityLevel level, DetectorFlags detectors, DetectorFlags coverage, DetectorResult[] results)
    {
        Level = level;
        Detectors = detectors;
        Coverage = coverage;
        Results = results;
    }

    /// <summary>The overall level (the worst latched detector level).</summary>
    public IntegrityLevel Level { get; }

    /// <summary>The detector classes latched at anomaly or worse.</summary>
    public DetectorFlags Detectors { get; }

    /// <summary>The detector classes evaluated (checked fully or partly).</summary>
    public DetectorFlags Coverage { get; }

    /// <summary>The results of the detectors run this time.</summary>
    public DetectorResult[] Results { get; }
}
