using Community.Storage;

namespace Community.Dashboard;

/// <summary>The community's picture at a glance, as one reader may see it.</summary>
public sealed record DashboardModel
{
    /// <summary>Who the page is for.</summary>
    public required string ReaderName { get; init; }

    /// <summary>When it was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Collections counted.</summary>
    public required IReadOnlyList<string> Collections { get; init; }

    /// <summary>Objects (latest versions) by STIX type.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByType { get; init; }

    /// <summary>Objects by X.1371 threat type label ("(none)" for unlabelled).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByThreatType { get; init; }

    /// <summary>Merged anomalies with most vehicles.</summary>
    public required IReadOnlyList<AnomalyGroup> TopAnomalies { get; init; }

    /// <summary>Highest-valued objects for the reader: id, type, name, score.</summary>
    public required IReadOnlyList<(string Id, string Type, string Name, int Score)> TopValued { get; init; }

    /// <summary>Mean value score over the visible objects.</summary>
    public double MeanScore { get; init; }

    /// <summary>Visible objects counted.</summary>
    public long Total { get; init; }
}
