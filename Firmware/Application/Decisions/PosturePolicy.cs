using V2x.Integrity;

namespace Firmware.Application.Decisions;

/// <summary>
/// The receiver's inputs to the posture rule (Docs/trust-decisions.md, "The posture rule"): for each posture row the
/// decision a message is lowered to at most (a row never raises a decision). Defaults: a critical weakness, or a posture
/// older than <see cref="MaximumPollAge"/>, is not acted on fully (act with caution, patent ¶180); a high weakness, software
/// that is not the latest, or no posture at all change nothing.
/// </summary>
public sealed record PosturePolicy
{
    /// <summary>P1: a critical unpatched weakness. Default: act with caution.</summary>
    public TrustDecision CriticalWeakness { get; init; } = TrustDecision.ActWithCaution;

    /// <summary>P2: a high unpatched weakness. Default: act (no lowering).</summary>
    public TrustDecision HighWeakness { get; init; } = TrustDecision.Act;

    /// <summary>
    /// P3: the oldest poll-age class still in date. A grade whose last poll is older (a later class of
    /// <see cref="PollAge"/>) is out of date. Default <see cref="PollAge.WithinWeek"/>: older than 7 days is out of date.
    /// </summary>
    public PollAge MaximumPollAge { get; init; } = PollAge.WithinWeek;

    /// <summary>P3: the decision for an out-of-date posture. Default: act with caution.</summary>
    public TrustDecision OutOfDate { get; init; } = TrustDecision.ActWithCaution;

    /// <summary>P4: the V2X application or the IDF is not the latest version. Default: act (no lowering).</summary>
    public TrustDecision SoftwareNotCurrent { get; init; } = TrustDecision.Act;

    /// <summary>
    /// P5: no posture at all (a partition that never polled). Default: act (no lowering), so senders without posture data
    /// are decided as before the posture existed; a partition that polled once cannot fall back to "never" (its accepted
    /// response persists), so cutting it off the posture server ages its grade into P3 instead. Set it to act with caution
    /// to require posture.
    /// </summary>
    public TrustDecision NotAssessed { get; init; } = TrustDecision.Act;

    /// <summary>Checks the policy.</summary>
    /// <exception cref="ArgumentException">An undefined decision or poll age.</exception>
    public void Validate()
    {
        if (!new[] { CriticalWeakness, HighWeakness, OutOfDate, SoftwareNotCurrent, NotAssessed }.All(Enum.IsDefined)
            || !Enum.IsDefined(MaximumPollAge) || MaximumPollAge == PollAge.Never)
        {
            throw new ArgumentException("Posture decisions must be defined decisions and MaximumPollAge a poll age other than Never.");
        }
    }
}
