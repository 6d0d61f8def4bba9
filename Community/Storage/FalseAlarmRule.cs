namespace Community.Storage;

/// <summary>
/// A rule that filters false alarms out of incoming anomaly summaries (ITU-T X.1382 §9.3.2.2 a,
/// §8.3 e): a summary whose <see cref="Field"/> equals <see cref="Value"/> is refused with the rule's reason.
/// </summary>
public sealed record FalseAlarmRule
{
    /// <summary>Rule id.</summary>
    public required string Id { get; init; }

    /// <summary>The collection it applies to, or null for all.</summary>
    public string? CollectionId { get; init; }

    /// <summary>signature, detector, anomaly_class, ecu, make, model, firmware_version or type.</summary>
    public required string Field { get; init; }

    /// <summary>Value that marks a false alarm (exact, case-sensitive).</summary>
    public required string Value { get; init; }

    /// <summary>Why it is a false alarm.</summary>
    public required string Reason { get; init; }

    /// <summary>Fields a rule may test.</summary>
    public static readonly IReadOnlySet<string> Fields =
        new HashSet<string>(StringComparer.Ordinal) { "signature", "detector", "anomaly_class", "ecu", "make", "model", "firmware_version", "type" };
}
