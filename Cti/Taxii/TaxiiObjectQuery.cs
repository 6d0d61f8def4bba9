using System.Globalization;
using System.Text;
using Cti.Stix;

namespace Cti.Taxii;

/// <summary>
/// URL parameters of the TAXII 2.1 objects, manifest and versions endpoints (§3.4 pagination,
/// §3.5 filtering), plus the hub's value-score filter.
/// </summary>
public sealed record TaxiiObjectQuery
{
    /// <summary>Only objects the server added after this instant (§3.4, server's date_added).</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary>Largest page wanted; the server may return fewer.</summary>
    public int? Limit { get; init; }

    /// <summary>Opaque continuation from a previous page's <c>next</c>.</summary>
    public string? Next { get; init; }

    /// <summary>match[id].</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>match[type].</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>match[version]: first, last, all, or timestamps.</summary>
    public IReadOnlyList<string>? Versions { get; init; }

    /// <summary>match[spec_version].</summary>
    public IReadOnlyList<string>? SpecVersions { get; init; }

    /// <summary>Hub extension: only objects whose value score for the reader is at least this (0-100).</summary>
    public int? MinValueScore { get; init; }

    /// <summary>The query string, starting with '?', or empty.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (AddedAfter is { } after)
        {
            parts.Add("added_after=" + Uri.EscapeDataString(StixTimestamp.FormatMicroseconds(after)));
        }

        if (Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        if (Next is not null)
        {
            parts.Add("next=" + Uri.EscapeDataString(Next));
        }

        Add(parts, "match[id]", Ids);
        Add(parts, "match[type]", Types);
        Add(parts, "match[version]", Versions);
        Add(parts, "match[spec_version]", SpecVersions);
        if (MinValueScore is { } score)
        {
            parts.Add("min_value_score=" + score.ToString(CultureInfo.InvariantCulture));
        }

        if (parts.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("?");
        sb.AppendJoin('&', parts);
        return sb.ToString();
    }

    private static void Add(List<string> parts, string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(string.Join(',', values)));
        }
    }
}
