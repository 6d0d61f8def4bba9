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

    /// <summary>The posture rule's inputs (Docs/trust-decisions.md, "The posture rule").</summary>
    public PosturePolicy Posture { get; init; } = new();

    /// <summary>Checks the policy.</summary>
    /// <exception cref="ArgumentException">A level above 7, a level without a decision, or an undefined decision.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Posture);
        Posture.Validate();
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
