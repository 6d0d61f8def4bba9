namespace Cti.Taxii;

/// <summary>
/// TAXII 2.1 media types (§1.6.8) and the content negotiation the server and client share: a
/// media range is acceptable when it names <c>application/taxii+json</c> (or a wildcard covering
/// it) with version 2.1 or no version at all, which means the latest version the server supports.
/// </summary>
public static class TaxiiMediaType
{
    /// <summary>The TAXII media type without parameters.</summary>
    public const string Taxii = "application/taxii+json";

    /// <summary>The TAXII 2.1 media type.</summary>
    public const string Taxii21 = "application/taxii+json;version=2.1";

    /// <summary>The STIX 2.1 media type (manifest entries, collection media_types).</summary>
    public const string Stix21 = "application/stix+json;version=2.1";

    /// <summary>The only TAXII version this library speaks.</summary>
    public const string Version = "2.1";

    /// <summary>The outcome of matching an Accept or Content-Type header against TAXII 2.1.</summary>
    public enum Match
    {
        /// <summary>TAXII 2.1 is acceptable.</summary>
        Acceptable,

        /// <summary>TAXII is asked for, but only in versions this library does not support.</summary>
        UnsupportedVersion,

        /// <summary>Some other media type.</summary>
        OtherType,
    }

    /// <summary>
    /// Matches an Accept header (§1.6.8.1): absent, <c>*/*</c>, <c>application/*</c>,
    /// <c>application/taxii+json</c> or <c>application/taxii+json;version=2.1</c> are acceptable;
    /// ranges with <c>q=0</c> are refused by the client and skipped.
    /// </summary>
    public static Match MatchAccept(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Match.Acceptable;
        }

        var sawTaxii = false;
        foreach (var range in accept.Split(','))
        {
            var (type, version, q) = ParseRange(range);
            if (q <= 0)
            {
                continue;
            }

            if (type is "*/*" or "application/*")
            {
                return Match.Acceptable;
            }

            if (type == Taxii)
            {
                sawTaxii = true;
                if (version is null || version == Version)
                {
                    return Match.Acceptable;
                }
            }
        }

        return sawTaxii ? Match.UnsupportedVersion : Match.OtherType;
    }

    /// <summary>Matches a request Content-Type: TAXII with version 2.1 or without a version.</summary>
    public static Match MatchContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Match.OtherType;
        }

        var (type, version, _) = ParseRange(contentType);
        if (type != Taxii)
        {
            return Match.OtherType;
        }

        return version is null || version == Version ? Match.Acceptable : Match.UnsupportedVersion;
    }

    private static (string Type, string? Version, double Q) ParseRange(string range)
    {
        var parts = range.Split(';');
        var type = parts[0].Trim().ToLowerInvariant();
        string? version = null;
        var q = 1.0;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var name = p[..eq].Trim().ToLowerInvariant();
            var value = p[(eq + 1)..].Trim().Trim('"');
            if (name == "version")
            {
                version = value;
            }
            else if (name == "q" && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                q = parsed;
            }
        }

        return (type, version, q);
    }
}
