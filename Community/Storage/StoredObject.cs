using Community.Authenticity;
using Cti.Stix;

namespace Community.Storage;

/// <summary>
/// One version of one STIX object in one collection, with the facts the hub decides access and
/// value on, extracted once at ingest so reads need not parse the JSON.
/// </summary>
public sealed record StoredObject
{
    /// <summary>TAXII date_added in microseconds since the Unix epoch; unique and increasing across the store (0 before insert).</summary>
    public long DateAddedUs { get; init; }

    /// <summary>The collection.</summary>
    public required string CollectionId { get; init; }

    /// <summary>The STIX id.</summary>
    public required string StixId { get; init; }

    /// <summary>The STIX type.</summary>
    public required string StixType { get; init; }

    /// <summary>Version (modified, else created, else date_added) in microseconds.</summary>
    public long VersionUs { get; init; }

    /// <summary>spec_version.</summary>
    public string SpecVersion { get; init; } = "2.1";

    /// <summary>Oldest version of this id in the collection.</summary>
    public bool IsFirst { get; init; }

    /// <summary>Newest version of this id in the collection.</summary>
    public bool IsLast { get; init; }

    /// <summary>Organisation that posted it (the hub's own id for objects it builds).</summary>
    public required string Producer { get; init; }

    /// <summary>Effective TLP level.</summary>
    public TlpLevel Tlp { get; init; }

    /// <summary>TLP:RED named recipients (identity ids).</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>X.1371 threat-type labels.</summary>
    public IReadOnlyList<string> ThreatTypes { get; init; } = [];

    /// <summary>Vehicle makes it concerns (lower case).</summary>
    public IReadOnlyList<string> Makes { get; init; } = [];

    /// <summary>Vehicle models it concerns (lower case).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Suppliers it concerns (lower case).</summary>
    public IReadOnlyList<string> Suppliers { get; init; } = [];

    /// <summary>Share of contextual properties present, 0..1 (X.1382 Appendix II c).</summary>
    public double Completeness { get; init; }

    /// <summary>STIX confidence 0..100, if given.</summary>
    public int? Confidence { get; init; }

    /// <summary>Distinct vehicles behind a merged object (0 for others).</summary>
    public long Corroboration { get; init; }

    /// <summary>When the information was produced (modified/created/last seen), microseconds.</summary>
    public long ProducedUs { get; init; }

    /// <summary>When the retention job erases it, microseconds; null keeps it.</summary>
    public long? ExpiresUs { get; init; }

    /// <summary>STIX created (constant across versions, STIX 2.1 §3.6), if the object has one.</summary>
    public string? Created { get; init; }

    /// <summary>STIX revoked.</summary>
    public bool Revoked { get; init; }

    /// <summary>The object's JSON, RFC 8785 canonical (objects stored before that keep their text).</summary>
    public required string Body { get; init; }

    /// <summary>Who submitted it, as far as the hub verified (anomaly summaries in collections that check signatures).</summary>
    public SubmissionAuthenticity Authenticity { get; init; }
}
