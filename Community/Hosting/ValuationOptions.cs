namespace Community.Hosting;

/// <summary>
/// Weights and constants of the automatic value score (ITU-T X.1382 §9.3.1.3 a, Appendix II):
/// reputation of the source, timeliness, completeness, relevance to the reader, effectiveness.
/// </summary>
public sealed record ValuationOptions
{
    /// <summary>Weight of source reputation (Appendix II a).</summary>
    public double ReputationWeight { get; init; } = 1;

    /// <summary>Weight of timeliness (Appendix II b).</summary>
    public double TimelinessWeight { get; init; } = 1;

    /// <summary>Weight of completeness (Appendix II c).</summary>
    public double CompletenessWeight { get; init; } = 1;

    /// <summary>Weight of relevance to the reader (Appendix II d).</summary>
    public double RelevanceWeight { get; init; } = 1;

    /// <summary>Weight of effectiveness: corroboration and confidence (Appendix II e).</summary>
    public double EffectivenessWeight { get; init; } = 1;

    /// <summary>Age at which timeliness has halved.</summary>
    public TimeSpan TimelinessHalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Reputation of objects the hub builds itself (merged anomalies).</summary>
    public double HubReputation { get; init; } = 0.9;

    /// <summary>Vehicles at which corroboration is full (log scale).</summary>
    public long FullCorroborationVehicles { get; init; } = 1000;
}
