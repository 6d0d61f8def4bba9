namespace PostureServer.Catalogue;

/// <summary>
/// How a component is named in the OEM's bills of materials: a CPE 2.3 formatted string (NISTIR 7695 §6.2,
/// <c>cpe:2.3:part:vendor:product:version:...</c>, 13 colon-separated fields) or a package URL (purl spec,
/// <c>pkg:type/namespace/name@version</c>). Matching an advisory to a component compares vendor and product (CPE) or type,
/// namespace and name (purl), never the version: versions are matched by the affected ranges.
/// </summary>
public sealed record ComponentIdentifier
{
    private ComponentIdentifier(string text, string kind, string vendorOrNamespace, string product)
    {
        Text = text;
        Kind = kind;
        Vendor = vendorOrNamespace;
        Product = product;
    }

    /// <summary>The identifier as given.</summary>
    public string Text { get; }

    /// <summary>"cpe" or "purl".</summary>
    public string Kind { get; }

    /// <summary>CPE vendor, or purl type/namespace.</summary>
    public string Vendor { get; }

    /// <summary>CPE product, or purl name.</summary>
    public string Product { get; }

    /// <summary>Reads a CPE 2.3 formatted string or a purl.</summary>
    /// <exception cref="ArgumentException">Neither.</exception>
    public static ComponentIdentifier Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.StartsWith("cpe:2.3:", StringComparison.Ordinal))
        {
            // NISTIR 7695 §6.2: 13 fields; a colon inside a value is escaped with a backslash.
            var fields = SplitCpe(text);
            if (fields.Count != 13 || fields[2] is not ("a" or "o" or "h") || fields[3].Length == 0 || fields[4].Length == 0)
            {
                throw new ArgumentException($"'{text}' is not a CPE 2.3 formatted string (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other)");
            }

            return new ComponentIdentifier(text, "cpe", fields[3].ToLowerInvariant(), fields[4].ToLowerInvariant());
        }

        if (text.StartsWith("pkg:", StringComparison.Ordinal))
        {
            // purl: pkg:type/namespace/name@version?qualifiers#subpath (namespace optional).
            var path = text[4..].Split('#')[0].Split('?')[0].Split('@')[0];
            var parts = path.Split('/');
            if (parts.Length < 2 || parts.Any(p => p.Length == 0))
            {
                throw new ArgumentException($"'{text}' is not a package URL (pkg:type/namespace/name@version)");
            }

            return new ComponentIdentifier(text, "purl", string.Join('/', parts[..^1]).ToLowerInvariant(), Uri.UnescapeDataString(parts[^1]).ToLowerInvariant());
        }

        throw new ArgumentException($"'{text}' is neither a CPE 2.3 formatted string (cpe:2.3:...) nor a package URL (pkg:...)");
    }

    /// <summary>Whether <paramref name="other"/> names the same product (any version).</summary>
    public bool SameProduct(ComponentIdentifier other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Vendor == other.Vendor && Product == other.Product;
    }

    /// <summary>The version field of a CPE or purl, or null when it is a wildcard or absent.</summary>
    public string? Version
    {
        get
        {
            if (Kind == "cpe")
            {
                var v = SplitCpe(Text)[5];
                return v is "*" or "-" or "" ? null : v.Replace("\\", string.Empty, StringComparison.Ordinal);
            }

            var at = Text.IndexOf('@', StringComparison.Ordinal);
            return at < 0 ? null : Text[(at + 1)..].Split('?')[0].Split('#')[0];
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static List<string> SplitCpe(string text)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[++i]);
            }
            else if (text[i] == ':')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
