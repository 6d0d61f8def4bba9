using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Decisions;

/// <summary>The receiver's configurable inputs to the decision table (Docs/trust-decisions.md).</summary>
public sealed record DecisionPolicy
{
    /// <summary>
    /// The lowest IDF assurance level (0..7, patent ¶189: like Common Criteria EAL 1-7) that makes a
    /// sender's report count. Default 3.
    /// </summary>
    public byte MinimumAssurance { get; init; } = 3;

    /// <summary>The decision of the conventional path (rows 5 and 6): a verified message without posture evidence. Default: act with caution (¶180).</summary>
    public TrustDecision ConventionalDecision { get; init; } = TrustDecision.ActWithCaution;

    /// <summary>The decision of an inconsistent sender (rows 7 to 9), unless its report says worse. Default: prepare only.</summary>
    public TrustDecision InconsistentDecision { get; init; } = TrustDecision.PrepareOnly;

    /// <summary>PSIDs whose messages must carry the report when the sender holds the IDF permission (safety-critical, patent ¶119). Default: DENM.</summary>
    public IReadOnlySet<Psid> ReportRequired { get; init; } = new HashSet<Psid> { Psid.Denm };

    /// <summary>The decision for each report level of an assured sender (rows 1 to 4).</summary>
    public IReadOnlyDictionary<IntegrityLevel, TrustDecision> LevelDecisions { get; init; } = new Dictionary<IntegrityLevel, TrustDecision>
    {
        [IntegrityLevel.NoAnomaly] = TrustDecision.Act,
        [IntegrityLevel.Anomaly] = TrustDecision.ActWithCaution,
        [IntegrityLevel.HighAnomaly] = TrustDecision.PrepareOnly,
        [IntegrityLevel.Compromised] = TrustDecision.Discard,
    };

    /// <summary>
    /// The detector classes a "no anomaly" report must have evaluated (its coverage, Docs/formats.md §3.4) to earn
    /// the row 1 decision. Default: the integrity check, memory and process classes, the three the patent's
    /// function exists for (boot and firmware hashes, memory and process anomalies, ¶95-104, mission §3): a
    /// sender that did not evaluate them cannot say "no compromise detected".
    /// </summary>
    public DetectorFlags RequiredCoverage { get; init; } = DetectorFlags.IntegrityCheck | DetectorFlags.Memory | DetectorFlags.Process;

    /// <summary>
    /// The fewest detector classes (of eight) a "no anomaly" report must have evaluated to earn the row 1 decision.
    /// Default 6: a sender may leave out two classes its board cannot feed (say a tamper sensor and the task
    /// manager), not more; the Linux starting policy, which evaluates two or three, stays below it.
    /// </summary>
    public int MinimumCoverageCount { get; init; } = 6;

    /// <summary>The decision of row 10: an assured "no anomaly" whose coverage is below the minimum. Default act with caution; never act.</summary>
    public TrustDecision InsufficientCoverageDecision { get; init; } = TrustDecision.ActWithCaution;

    /// <summary>Whether a report's coverage meets <see cref="RequiredCoverage"/> and <see cref="MinimumCoverageCount"/>.</summary>
    public bool CoverageSufficient(DetectorFlags coverage) =>
        (coverage & RequiredCoverage) == RequiredCoverage && System.Numerics.BitOperations.PopCount((uint)coverage) >= MinimumCoverageCount;

    /// <summary>Checks the policy.</summary>
    /// <exception cref="ArgumentException">A level above 7, a level without a decision, an undefined decision, a coverage minimum out of range, or act for insufficient coverage.</exception>
    public void Validate()
    {
        if (MinimumCoverageCount is < 0 or > 8 || ((ushort)RequiredCoverage & 0x00FF) != 0)
        {
            throw new ArgumentException("MinimumCoverageCount is 0..8 and RequiredCoverage holds only the eight detector classes.");
        }

        if (!Enum.IsDefined(InsufficientCoverageDecision) || InsufficientCoverageDecision == TrustDecision.Act)
        {
            throw new ArgumentException("InsufficientCoverageDecision is a defined decision other than act: a sender that checked too little never earns act.");
        }

        if (MinimumAssurance > IntegrityAssurance.MaxLevel)
        {
            throw new ArgumentException($"MinimumAssurance is 0..{IntegrityAssurance.MaxLevel}.");
        }

        foreach (var level in Enum.GetValues<IntegrityLevel>())
        {
            if (!LevelDecisions.TryGetValue(level, out var d) || !Enum.IsDefined(d))
            {
                throw new ArgumentException($"LevelDecisions has no decision for {level}.");
            }
        }

        if (!Enum.IsDefined(ConventionalDecision) || !Enum.IsDefined(InconsistentDecision))
        {
            throw new ArgumentException("ConventionalDecision and InconsistentDecision must be defined decisions.");
        }
    }
}
