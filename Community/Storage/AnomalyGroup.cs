namespace Community.Storage;

/// <summary>
/// The merge state of one anomaly signature in one collection (ITU-T X.1382 Appendix II e): the
/// indicator and sighting the hub publishes for it and the counts behind them.
/// </summary>
public sealed record AnomalyGroup
{
    /// <summary>The collection.</summary>
    public required string CollectionId { get; init; }

    /// <summary>Signature plus sharing scope (see <c>AnomalyMerger</c>).</summary>
    public required string GroupKey { get; init; }

    /// <summary>The anomaly signature.</summary>
    public required string Signature { get; init; }

    /// <summary>The merged indicator's id.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>The merged sighting's id.</summary>
    public required string SightingId { get; init; }

    /// <summary>Producer the merged objects are attributed to for access.</summary>
    public required string Producer { get; init; }

    /// <summary>TLP level of the merged objects (as Cti.Stix.TlpLevel value).</summary>
    public int Tlp { get; init; }

    /// <summary>Threat-type label.</summary>
    public string? ThreatType { get; init; }

    /// <summary>Short description (detector / class / make model).</summary>
    public string? Title { get; init; }

    /// <summary>Reports merged.</summary>
    public long ReportCount { get; init; }

    /// <summary>Distinct vehicles.</summary>
    public long VehicleCount { get; init; }

    /// <summary>First observation, microseconds.</summary>
    public long FirstSeenUs { get; init; }

    /// <summary>Last observation, microseconds.</summary>
    public long LastSeenUs { get; init; }

    /// <summary>When the hub created the group, microseconds.</summary>
    public long CreatedUs { get; init; }

    /// <summary>Vehicle make (from the first summary).</summary>
    public string? Make { get; init; }

    /// <summary>Vehicle model.</summary>
    public string? Model { get; init; }

    /// <summary>Supplier.</summary>
    public string? Supplier { get; init; }

    /// <summary>modified of the indicator's current version, microseconds (millisecond-aligned).</summary>
    public long IndicatorModifiedUs { get; init; }

    /// <summary>modified of the sighting's current version, microseconds (millisecond-aligned).</summary>
    public long SightingModifiedUs { get; init; }

    /// <summary>Revoked as a false alarm.</summary>
    public bool Revoked { get; init; }
}
