namespace PostureServer.Cvss;

/// <summary>
/// A CVSS v3.1 vector string (FIRST CVSS v3.1 specification §6): <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>
/// with the eight base metrics, optionally the temporal ones (E, RL, RC) and the environmental ones (which are
/// checked but not scored: the posture server scores base and temporal only). Metrics may come in any order, each at
/// most once. A CVSS:3.0 vector is read the same way and scored by the v3.1 formulas (the two differ only in the
/// rounding function, §7.4 and Appendix A).
/// </summary>
public sealed record CvssVector
{
    // §2 and §3 metric values (the letters of the vector string) and §4 environmental ones.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["AV"] = "NALP", ["AC"] = "LH", ["PR"] = "NLH", ["UI"] = "NR", ["S"] = "UC", ["C"] = "HLN", ["I"] = "HLN", ["A"] = "HLN",
        ["E"] = "XUPFH", ["RL"] = "XOTWU", ["RC"] = "XURC",
        ["CR"] = "XLMH", ["IR"] = "XLMH", ["AR"] = "XLMH",
        ["MAV"] = "XNALP", ["MAC"] = "XLH", ["MPR"] = "XNLH", ["MUI"] = "XNR", ["MS"] = "XUC", ["MC"] = "XNLH", ["MI"] = "XNLH", ["MA"] = "XNLH",
    };

    private static readonly string[] Base = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    private CvssVector(string text, string version, IReadOnlyDictionary<string, char> metrics)
    {
        Text = text;
        Version = version;
        Metrics = metrics;
    }

    /// <summary>The vector string as given.</summary>
    public string Text { get; }

    /// <summary>"3.1" or "3.0".</summary>
    public string Version { get; }

    /// <summary>Metric abbreviation → value letter.</summary>
    public IReadOnlyDictionary<string, char> Metrics { get; }

    /// <summary>The value of a metric, or 'X' (not defined) when absent.</summary>
    public char this[string metric] => Metrics.TryGetValue(metric, out var v) ? v : 'X';

    /// <summary>Reads a vector string.</summary>
    /// <exception cref="CvssException">Not a CVSS v3.x vector: the message names the part that is wrong.</exception>
    public static CvssVector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        var version = parts[0] switch
        {
            "CVSS:3.1" => "3.1",
            "CVSS:3.0" => "3.0",
            _ => throw new CvssException($"'{text}' does not start with CVSS:3.1/ or CVSS:3.0/"),
        };

        var metrics = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon != part.Length - 2)
            {
                throw new CvssException($"'{part}' in '{text}' is not METRIC:VALUE");
            }

            var name = part[..colon];
            var value = part[^1];
            if (!Allowed.TryGetValue(name, out var values))
            {
                throw new CvssException($"unknown metric '{name}' in '{text}'");
            }

            if (!values.Contains(value, StringComparison.Ordinal))
            {
                throw new CvssException($"'{value}' is not a value of {name} (one of {string.Join(", ", values.ToCharArray())}) in '{text}'");
            }

            // §6: each metric at most once.
            if (!metrics.TryAdd(name, value))
            {
                throw new CvssException($"metric {name} is given twice in '{text}'");
            }
        }

        var missing = Base.Where(m => !metrics.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            throw new CvssException($"'{text}' lacks the base metric(s) {string.Join(", ", missing)}");
        }

        return new CvssVector(text, version, metrics);
    }

    /// <summary>Reads a vector string, or returns null with the reason.</summary>
    public static CvssVector? TryParse(string text, out string? problem)
    {
        try
        {
            problem = null;
            return Parse(text);
        }
        catch (CvssException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
