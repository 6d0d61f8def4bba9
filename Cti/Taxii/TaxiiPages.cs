using System.Text.Json.Nodes;

namespace Cti.Taxii;

/// <summary>One page of objects with the pagination facts of TAXII 2.1 §3.4.</summary>
/// <param name="Objects">The STIX objects.</param>
/// <param name="More">Whether the server holds more.</param>
/// <param name="Next">Continuation for the next page (with <see cref="TaxiiObjectQuery.Next"/>).</param>
/// <param name="DateAddedFirst">X-TAXII-Date-Added-First.</param>
/// <param name="DateAddedLast">X-TAXII-Date-Added-Last.</param>
public sealed record TaxiiObjectPage(
    IReadOnlyList<JsonObject> Objects,
    bool More,
    string? Next,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast)
{
    /// <summary>
    /// The <see cref="TaxiiObjectQuery.AddedAfter"/> a later poll resumes from without losing anything (set by
    /// <see cref="TaxiiClient.PollAsync"/>): the page's last date_added once the server has no more, otherwise one
    /// microsecond before it, because objects sharing that date_added may continue on the next page (the later poll
    /// then receives some objects again; they keep their id and version). Null when the server sent no date_added.
    /// </summary>
    public DateTimeOffset? ResumeAfter { get; init; }
}

/// <summary>One page of a manifest (TAXII 2.1 §5.3), with the <c>next</c> the server sent, if any.</summary>
public sealed record TaxiiManifestPage(
    IReadOnlyList<TaxiiManifestRecord> Records,
    bool More,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast)
{
    /// <summary>Continuation for the next page.</summary>
    public string? Next { get; init; }
}

/// <summary>One page of an object's versions (TAXII 2.1 §5.7), with the <c>next</c> the server sent, if any.</summary>
public sealed record TaxiiVersionsPage(
    IReadOnlyList<string> Versions,
    bool More,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast)
{
    /// <summary>Continuation for the next page.</summary>
    public string? Next { get; init; }
}
