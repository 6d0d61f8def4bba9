namespace Firmware.SecurePartition.Policy;

/// <summary>The deployed indicator rules after an update.</summary>
/// <param name="Revision">Revision of the rule set (raised by every update that changed it).</param>
/// <param name="Indicators">Indicators deployed.</param>
/// <param name="Rules">Rules deployed.</param>
/// <param name="IgnoredStale">Upserts ignored because a newer version of the indicator is deployed.</param>
public sealed record IndicatorRuleSetState(uint Revision, int Indicators, int Rules, int IgnoredStale);
