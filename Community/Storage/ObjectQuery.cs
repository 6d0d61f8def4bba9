namespace Community.Storage;

/// <summary>
/// A store query over one collection, in date_added order (TAXII 2.1 §3.4 sorts by date_added).
/// Version selection follows TAXII 2.1 §3.5 match[version]: any of first, last, all, or exact versions.
/// </summary>
public sealed record ObjectQuery
{
    /// <summary>The collection.</summary>
    public required string CollectionId { get; init; }

    /// <summary>Only rows with date_added strictly after this (microseconds).</summary>
    public long AfterDateAddedUs { get; init; } = long.MinValue;

    /// <summary>match[id].</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>match[type].</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Include every version.</summary>
    public bool AllVersions { get; init; }

    /// <summary>Include the first version of each id.</summary>
    public bool FirstVersions { get; init; }

    /// <summary>Include the last version of each id.</summary>
    public bool LastVersions { get; init; } = true;

    /// <summary>Include these exact versions (microseconds).</summary>
    public IReadOnlyList<long>? Versions { get; init; }

    /// <summary>Rows wanted at most.</summary>
    public int Limit { get; init; } = 100;
}
