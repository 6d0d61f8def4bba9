namespace Firmware.SecurePartition.Policy;

/// <summary>
/// One change of the deployed indicator rules, applied as a whole or not at all: entries to add or
/// replace (newer versions only) and indicators to remove (revoked or expired).
/// </summary>
/// <param name="Upserts">Entries to add, or to replace an older version of.</param>
/// <param name="Removals">Indicator UUIDs whose rules go away.</param>
public sealed record IndicatorRuleUpdate(IReadOnlyList<IndicatorEntry> Upserts, IReadOnlyList<Guid> Removals);
