namespace PkiProtocol.Audit;

/// <summary>An inclusive range of IDF versions (first..last), as "1.0..1.9" on the command line.</summary>
public sealed record VersionRange
{
    public VersionRange(string first, string last)
    {
        First = first;
        Last = last;
        if (IdfVersion.Parse(first) > IdfVersion.Parse(last))
        {
            throw new ArgumentException($"version range {first}..{last} is empty", nameof(last));
        }
    }

    public string First { get; }

    public string Last { get; }

    public bool Contains(string version) =>
        IdfVersion.TryParse(version, out var v) && v >= IdfVersion.Parse(First) && v <= IdfVersion.Parse(Last);

    /// <summary>Parses "1.0..1.9" or a single version "2.0".</summary>
    public static VersionRange Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var split = text.Split("..", StringSplitOptions.None);
        return split.Length switch
        {
            1 => new VersionRange(split[0], split[0]),
            2 => new VersionRange(split[0], split[1]),
            _ => throw new ArgumentException($"'{text}' is not a version or a range first..last", nameof(text)),
        };
    }

    public override string ToString() => First == Last ? First : $"{First}..{Last}";
}
