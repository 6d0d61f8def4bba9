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
        : new(detector, DetectorStatus.NotRequired, IntegrityLevel.NoAnomaly,
            [new Evidence(NotCoveredRule, capability, IntegrityLevel.NoAnomaly, $"not checked: the board has no {capability} and the policy does not require this detector")]);

    /// <summary>
    /// A detector the policy gives nothing to check: no anomaly, but left out of the coverage, and the
    /// evidence says what the policy would have to name (<paramref name="missing"/>).
    /// </summary>
    public static DetectorResult NotConfigured(DetectorFlags detector, string missing) =>
        new(detector, DetectorStatus.NotConfigured, IntegrityLevel.NoAnomaly,
            [new Evidence(NotCoveredRule, "policy", IntegrityLevel.NoAnomaly, $"not checked: the policy names no {missing}")]);

    /// <summary>Evidence rule saying why a detector class is not in the report's coverage.</summary>
    public const string NotCoveredRule = "coverage.not-checked";

    /// <summary>Whether this result counts in the report's coverage (it checked all or part of what it watches).</summary>
    public bool Covered => Status is DetectorStatus.Checked or DetectorStatus.Partial;
}
