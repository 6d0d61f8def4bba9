using PkiProtocol.Audit;

namespace PostureServer.Catalogue;

/// <summary>
/// The versions a weakness affects, as CVE JSON 5 states them (CVE Record Format 5.x, affected.versions: a version, or a
/// range from a version with lessThan or lessThanOrEqual) and CSAF 2.0 product statuses reduce to. Versions are dotted
/// numbers compared part by part (<see cref="IdfVersion"/>); a range is [From, Before) or [From, UpTo].
/// </summary>
/// <param name="From">The first affected version ("0" for all before the bound).</param>
/// <param name="Before">The first unaffected version after the range (lessThan), or null.</param>
/// <param name="UpTo">The last affected version (lessThanOrEqual), or null; with neither bound only <paramref name="From"/> itself.</param>
public sealed record AffectedRange(string From, string? Before, string? UpTo)
{
    /// <summary>Whether <paramref name="version"/> is in the range (an unparsable version is not).</summary>
    public bool Contains(string version)
    {
        if (!IdfVersion.TryParse(version, out var v) || !IdfVersion.TryParse(From, out var from) || v < from)
        {
            return false;
        }

        if (Before is not null)
        {
            return IdfVersion.TryParse(Before, out var before) && v < before;
        }

        if (UpTo is not null)
        {
            return IdfVersion.TryParse(UpTo, out var upTo) && v <= upTo;
        }

        return v == from;
    }

    /// <summary>Reads "A", "A..&lt;B" (before B) or "A..B" (up to B).</summary>
    /// <exception cref="ArgumentException">Not one of those, or versions that are not dotted numbers.</exception>
    public static AffectedRange Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Split("..", StringSplitOptions.None);
        var range = parts.Length switch
        {
            1 => new AffectedRange(parts[0], null, null),
            2 when parts[1].StartsWith('<') => new AffectedRange(parts[0], parts[1][1..], null),
            2 => new AffectedRange(parts[0], null, parts[1]),
            _ => throw new ArgumentException($"'{text}' is a version, A..<B (before B) or A..B (up to B)"),
        };
        return new[] { range.From, range.Before, range.UpTo }.All(v => v is null || IdfVersion.TryParse(v, out _))
            ? range
            : throw new ArgumentException($"'{text}': versions are dotted numbers");
    }

    /// <inheritdoc />
    public override string ToString() => Before is not null ? $"{From}..<{Before}" : UpTo is not null ? $"{From}..{UpTo}" : From;
}
