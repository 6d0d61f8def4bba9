namespace Bench.Reporting;

/// <summary>Counts of equal keys, in ordinal key order (the summaries' histograms).</summary>
public static class Histogram
{
    /// <summary>How often each key occurs in <paramref name="keys"/>.</summary>
    public static SortedDictionary<string, int> Of(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var histogram = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            histogram[key] = histogram.GetValueOrDefault(key) + 1;
        }

        return histogram;
    }
}
