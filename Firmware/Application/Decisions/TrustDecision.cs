namespace Firmware.Application.Decisions;

/// <summary>
/// How far a receiver acts on a verified message (patent ¶174-183, fig. 8), from most to least trust.
/// The order matters: a rule may only ever lower a decision (<see cref="DecisionTable.Worse"/>).
/// </summary>
public enum TrustDecision
{
    /// <summary>Act on the content without mitigation (¶179: brake hard on an emergency-brake warning).</summary>
    Act = 0,

    /// <summary>Act, mitigated while waiting for corroboration (¶180: brake more softly).</summary>
    ActWithCaution = 1,

    /// <summary>Only prepare (¶182: pre-charge the brakes), do not act on the content yet.</summary>
    PrepareOnly = 2,

    /// <summary>Do not act on the content at all.</summary>
    Discard = 3,
}
