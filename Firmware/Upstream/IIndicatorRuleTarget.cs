using Firmware.SecurePartition.Policy;

namespace Firmware.Upstream;

/// <summary>Where indicator deny rules are deployed: the secure partition, through its protocol.</summary>
public interface IIndicatorRuleTarget
{
    /// <summary>Applies an update as a whole (or throws <see cref="SecurePartition.PartitionException"/> and changes nothing).</summary>
    Task<IndicatorRuleSetState> UpdateIndicatorRulesAsync(IndicatorRuleUpdate update, CancellationToken cancellationToken);

    /// <summary>The deployed rules and their revision.</summary>
    Task<(uint Revision, IReadOnlyList<IndicatorEntry> Entries)> ListIndicatorRulesAsync(CancellationToken cancellationToken);
}
