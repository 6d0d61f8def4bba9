using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>What one detector found in one scan.</summary>
/// <param name="Detector">The detector class (its bit in the compact report).</param>
/// <param name="Status">Whether it could check.</param>
/// <param name="Level">The worst level of its evidence.</param>
/// <param name="Evidence">The findings.</param>
public sealed record DetectorResult(DetectorFlags Detector, DetectorStatus Status, IntegrityLevel Level, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>A result built from findings: the level is the worst of them.</summary>
    public static DetectorResult From(DetectorFlags detector, DetectorStatus status, IReadOnlyList<Evidence> evidence) =>
        new(detector, status, evidence.Count == 0 ? IntegrityLevel.NoAnomaly : evidence.Max(e => e.Level), evidence);

    /// <summary>
    /// A detector whose capability the board lacks: an anomaly when the policy requires it
    /// ("cannot be checked" is never clean), otherwise not required.
    /// </summary>
    public static DetectorResult Unavailable(DetectorFlags detector, bool required, string capability) => required
        ? From(detector, DetectorStatus.CannotCheck, [new Evidence("capability.missing", capability, IntegrityLevel.Anomaly, $"the board has no {capability}: cannot be checked")])
        : new(detector, DetectorStatus.NotRequired, IntegrityLevel.NoAnomaly, []);
}
