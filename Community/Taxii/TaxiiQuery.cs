using System.Globalization;
using Community.Storage;
using Cti.Stix;
using Microsoft.AspNetCore.Http;

namespace Community.Taxii;

/// <summary>
/// The URL parameters of the objects, object, manifest and versions endpoints, parsed and checked
/// (TAXII 2.1 §3.4 pagination: added_after, limit, next; §3.5 filtering: match[id], match[type],
/// match[version], match[spec_version]; plus the hub's min_value_score).
/// </summary>
public sealed record TaxiiQuery
{
    /// <summary>Only objects added after this (exclusive).</summary>
    public long AfterUs { get; init; } = long.MinValue;

    /// <summary>Page size.</summary>
    public int Limit { get; init; }

    /// <summary>match[id] values.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>match[type] values.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>match[version] includes "all".</summary>
    public bool AllVersions { get; init; }

    /// <summary>match[version] includes "first".</summary>
    public bool First { get; init; }

    /// <summary>match[version] includes "last" (the default).</summary>
    public bool Last { get; init; } = true;

    /// <summary>match[version] timestamps, microseconds.</summary>
    public IReadOnlyList<long>? Versions { get; init; }

    /// <summary>False when match[spec_version] excludes 2.1, the only version stored.</summary>
    public bool SpecVersionMatches { get; init; } = true;

    /// <summary>min_value_score.</summary>
    public int? MinValueScore { get; init; }

    /// <summary>Parses the query string; returns an error message instead when a parameter is malformed.</summary>
    public static TaxiiQuery? Parse(IQueryCollection query, int defaultLimit, int maxLimit, bool defaultAllVersions, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        error = null;
        var result = new TaxiiQuery { Limit = defaultLimit, AllVersions = defaultAllVersions, Last = !defaultAllVersions };
        if (query.TryGetValue("added_after", out var addedAfter))
        {
            if (!StixTimestamp.TryParse(addedAfter.ToString(), out var t))
            {
                error = "added_after is not a timestamp (TAXII 2.1 §3.4)";
                return null;
            }

            result = result with { AfterUs = StixTimestamp.ToMicroseconds(t) };
        }

        if (query.TryGetValue("next", out var next))
        {
            if (!PageToken.TryDecode(next.ToString(), out var after))
            {
                error = "next is not a value this server issued (TAXII 2.1 §3.4)";
                return null;
            }

            result = result with { AfterUs = Math.Max(result.AfterUs, after) };
        }

        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            {
                error = "limit is a positive integer (TAXII 2.1 §3.4)";
                return null;
            }

            result = result with { Limit = Math.Min(limit, maxLimit) };
        }

        if (query.TryGetValue("match[id]", out var ids))
        {
            result = result with { Ids = Split(ids.ToString()) };
        }

        if (query.TryGetValue("match[type]", out var types))
        {
            result = result with { Types = Split(types.ToString()) };
        }

        if (query.TryGetValue("match[version]", out var versionText))
        {
            var all = false;
            var first = false;
            var last = false;
            var exact = new List<long>();
            foreach (var v in Split(versionText.ToString()))
            {
                switch (v)
                {
                    case "all": all = true; break;
                    case "first": first = true; break;
                    case "last": last = true; break;
                    default:
                        if (!StixTimestamp.TryParse(v, out var ts))
                        {
                            error = "match[version] takes first, last, all or timestamps (TAXII 2.1 §3.5.1)";
                            return null;
                        }

                        exact.Add(StixTimestamp.ToMicroseconds(ts));
                        break;
                }
            }

            // TAXII 2.1 §3.4.1 (match[version]): "all" stands alone; combined with anything else the request is malformed.
            if (all && (first || last || exact.Count > 0))
            {
                error = "match[version]=all cannot be combined with other values (TAXII 2.1 §3.4.1)";
                return null;
            }

            result = result with { AllVersions = all, First = first, Last = last, Versions = exact };
        }

        if (query.TryGetValue("match[spec_version]", out var specVersions))
        {
            result = result with { SpecVersionMatches = Split(specVersions.ToString()).Contains("2.1") };
        }

        if (query.TryGetValue("min_value_score", out var scoreText))
        {
            if (!int.TryParse(scoreText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score > 100)
            {
                error = "min_value_score is an integer 0-100";
                return null;
            }

            result = result with { MinValueScore = score };
        }

        return result;
    }

    /// <summary>The store query for one collection.</summary>
    public ObjectQuery ToStoreQuery(string collectionId, IReadOnlyList<string>? ids = null) => new()
    {
        CollectionId = collectionId,
        AfterDateAddedUs = AfterUs,
        Ids = ids ?? Ids,
        Types = Types,
        AllVersions = AllVersions,
        FirstVersions = First,
        LastVersions = Last,
        Versions = Versions,
        Limit = Limit,
    };

    private static List<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
