using Cti.Stix;

namespace Community.Membership;

/// <summary>The rules of one collection (sub-community).</summary>
public sealed record CollectionPolicy
{
    /// <summary>Reject or scrub personal and vehicle-identifying data (X.1382 §7.3).</summary>
    public DesensitisationMode Desensitisation { get; init; } = DesensitisationMode.Reject;

    /// <summary>Most decimals a coordinate may keep (2 ≈ 1.1 km).</summary>
    public int CoordinateDecimals { get; init; } = 2;

    /// <summary>How long an object is kept after it was added (X.1382 §9.3.1.2 c); null keeps it until it is obsolete.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>The TLP level applied to objects that carry none (fails closed: AMBER by default).</summary>
    public TlpLevel DefaultTlp { get; init; } = TlpLevel.Amber;

    /// <summary>Merge anomaly summaries with the same signature into one indicator (X.1382 Appendix II e).</summary>
    public bool MergeAnomalies { get; init; } = true;

    /// <summary>What happens to anomaly summaries without a valid ticket signature.</summary>
    public SignaturePolicy SummarySignatures { get; init; } = SignaturePolicy.None;

    /// <summary>
    /// The organisation that vehicle submissions posted without credentials but with a valid ticket signature are
    /// attributed to (their producer); null when vehicles cannot post without credentials. Needs a signature policy.
    /// </summary>
    public string? VehicleProducer { get; init; }
}
