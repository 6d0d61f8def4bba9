namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The deny rules of one community indicator (a STIX 2.1 <c>indicator</c>, §4.7), versioned by its
/// <c>modified</c> time: an older version never replaces a newer one.
/// </summary>
/// <param name="IndicatorId">The UUID of the STIX identifier <c>indicator--UUID</c>.</param>
/// <param name="Modified">The indicator version (STIX <c>modified</c>).</param>
/// <param name="ValidFrom">From when the rules apply (STIX <c>valid_from</c>).</param>
/// <param name="ValidUntil">Until when they apply (STIX <c>valid_until</c>), or null for no end.</param>
/// <param name="Rules">The rules (any one matching is a finding).</param>
public sealed record IndicatorEntry(Guid IndicatorId, DateTimeOffset Modified, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, IReadOnlyList<IndicatorRule> Rules)
{
    /// <summary>The STIX identifier.</summary>
    public string StixId => "indicator--" + IndicatorId.ToString("D");

    /// <summary>Whether the rules apply at <paramref name="now"/> (valid_from inclusive, valid_until exclusive, STIX 2.1 §4.7).</summary>
    public bool IsActiveAt(DateTimeOffset now) => now >= ValidFrom && (ValidUntil is not { } until || now < until);

    /// <summary>Whether the indicator can no longer become active.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ValidUntil is { } until && now >= until;
}
