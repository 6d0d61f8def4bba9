using System.Text.Json.Nodes;

namespace Cti.Taxii;

/// <summary>One page of objects with the pagination facts of TAXII 2.1 §3.4.</summary>
/// <param name="Objects">The STIX objects.</param>
/// <param name="More">Whether the server holds more.</param>
/// <param name="Next">Continuation for the next page (with <see cref="TaxiiObjectQuery.Next"/>).</param>
/// <param name="DateAddedFirst">X-TAXII-Date-Added-First.</param>
/// <param name="DateAddedLast">X-TAXII-Date-Added-Last: keep it as the next poll's added_after.</param>
public sealed record TaxiiObjectPage(
    IReadOnlyList<JsonObject> Objects,
    bool More,
    string? Next,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast);

/// <summary>One page of a manifest (TAXII 2.1 §5.3).</summary>
public sealed record TaxiiManifestPage(
    IReadOnlyList<TaxiiManifestRecord> Records,
    bool More,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast);

/// <summary>One page of an object's versions (TAXII 2.1 §5.7).</summary>
public sealed record TaxiiVersionsPage(
    IReadOnlyList<string> Versions,
    bool More,
    DateTimeOffset? DateAddedFirst,
    DateTimeOffset? DateAddedLast);
