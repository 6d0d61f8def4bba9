using System.Text.Json;
using PostureServer.Catalogue;

namespace PostureServer.Import;

/// <summary>
/// The products of a CSAF 2.0 product tree (§3.1.3): every <c>product</c> of the <c>branches</c> (any depth) and every
/// entry of <c>full_product_names</c>, by product id, with the component it names (the CPE 2.3 or purl of its
/// <c>product_identification_helper</c>, or null) and the versions it stands for (or null when not a dotted number range).
/// </summary>
internal sealed class CsafProducts
{
    private const int MaxBranchDepth = 30;
    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);

    /// <summary>One product.</summary>
    /// <param name="Identifier">The component it names, or null.</param>
    /// <param name="Range">The versions it stands for, or null.</param>
    public sealed record Product(ComponentIdentifier? Identifier, AffectedRange? Range);

    /// <summary>The product with this id, or null when none is defined.</summary>
    public Product? Of(string id) => _products.GetValueOrDefault(id);

    /// <summary>Reads the product tree of <paramref name="root"/> (none: no products).</summary>
    /// <exception cref="ArgumentException">A malformed product tree (not of CSAF's shape, no product id, a duplicate one).</exception>
    public static CsafProducts Read(JsonElement root, string source, List<string> skipped)
    {
        var products = new CsafProducts();
        if (!root.TryGetProperty("product_tree", out var tree))
        {
            return products;
        }

        if (tree.ValueKind != JsonValueKind.Object)
        {
            throw CsafImport.Malformed(source, "product_tree is not an object");
        }

        if (tree.TryGetProperty("branches", out var branches))
        {
            products.Branches(branches, null, 0, source, skipped);
        }

        if (tree.TryGetProperty("full_product_names", out var names))
        {
            if (names.ValueKind != JsonValueKind.Array)
            {
                throw CsafImport.Malformed(source, "full_product_names is not an array");
            }

            foreach (var name in names.EnumerateArray())
            {
                products.Add(name, null, source, skipped);
            }
        }

        return products;
    }

    private void Branches(JsonElement branches, string? version, int depth, string source, List<string> skipped)
    {
        if (branches.ValueKind != JsonValueKind.Array || depth > MaxBranchDepth)
        {
            throw CsafImport.Malformed(source, depth > MaxBranchDepth ? "branches nested too deep" : "branches is not an array");
        }

        foreach (var branch in branches.EnumerateArray())
        {
            var category = CsafImport.Text(branch, "category") ?? throw CsafImport.Malformed(source, "a branch without a category");
            var name = CsafImport.Text(branch, "name") ?? throw CsafImport.Malformed(source, "a branch without a name");
            var here = category is "product_version" or "product_version_range" ? (category == "product_version" ? name : "vers " + name) : version;
            if (CsafImport.Object(branch, "product") is { } product)
            {
                Add(product, here, source, skipped);
            }

            if (branch.TryGetProperty("branches", out var inner))
            {
                Branches(inner, here, depth + 1, source, skipped);
            }
        }
    }

    private void Add(JsonElement product, string? version, string source, List<string> skipped)
    {
        var id = CsafImport.Text(product, "product_id") ?? throw CsafImport.Malformed(source, "a product without a product_id");
        ComponentIdentifier? identifier = null;
        if (CsafImport.Object(product, "product_identification_helper") is { } helper
            && (CsafImport.Text(helper, "cpe") ?? CsafImport.Text(helper, "purl")) is { } text)
        {
            try
            {
                identifier = ComponentIdentifier.Parse(text);
            }
            catch (ArgumentException)
            {
                // A CPE 2.2 URI, say: valid CSAF, but not an identifier the catalogue uses.
                skipped.Add($"product {id}: '{text}' is neither a CPE 2.3 string nor a package URL");
            }
        }

        var range = (version ?? identifier?.Version) is { } v ? Range(v, id, skipped) : null;
        if (!_products.TryAdd(id, new Product(identifier, range)))
        {
            throw CsafImport.Malformed(source, $"product id {id} is defined twice");
        }
    }

    // "A" (one version), or a vers range "vers:generic/>=A|<B" with >=, <, <= (CSAF 2.0 §3.1.2.3.3 product_version_range).
    private static AffectedRange? Range(string version, string id, List<string> skipped)
    {
        if (!version.StartsWith("vers ", StringComparison.Ordinal))
        {
            return Parse(version, id, skipped);
        }

        var vers = version[5..];
        var slash = vers.IndexOf('/', StringComparison.Ordinal);
        if (!vers.StartsWith("vers:", StringComparison.Ordinal) || slash < 0)
        {
            skipped.Add($"product {id}: version range '{vers}' is not in the vers syntax");
            return null;
        }

        string from = "0";
        string? before = null, upTo = null;
        foreach (var constraint in vers[(slash + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (constraint.StartsWith(">=", StringComparison.Ordinal))
            {
                from = constraint[2..];
            }
            else if (constraint.StartsWith("<=", StringComparison.Ordinal))
            {
                upTo = constraint[2..];
            }
            else if (constraint.StartsWith('<'))
            {
                before = constraint[1..];
            }
            else
            {
                skipped.Add($"product {id}: version range constraint '{constraint}' is not one of >=, <, <=");
                return null;
            }
        }

        return Parse(before is not null ? $"{from}..<{before}" : upTo is not null ? $"{from}..{upTo}" : from, id, skipped);
    }

    // A version that is not a dotted number (1.0.0-rc1) is valid CSAF but not comparable here: the product is listed as skipped.
    private static AffectedRange? Parse(string text, string id, List<string> skipped)
    {
        try
        {
            return AffectedRange.Parse(text);
        }
        catch (ArgumentException e)
        {
            skipped.Add($"product {id}: {e.Message}");
            return null;
        }
    }
}
