using System.Text.Json;
using PostureServer.Catalogue;
using PostureServer.Cvss;

namespace PostureServer.Import;

/// <summary>
/// Reads weaknesses from a CSAF 2.0 advisory (OASIS Common Security Advisory Framework Version 2.0, 18 November 2022) for
/// the components of the catalogue. The products come from <c>/product_tree</c> (§3.1.3: <c>branches</c> to any depth and
/// <c>full_product_names</c>), each with its <c>product_id</c>, its <c>product_identification_helper</c> (§3.1.3.3: a CPE
/// 2.3 string in <c>cpe</c> or a package URL in <c>purl</c>, matched to catalogue components by vendor and product) and
/// its version: the name of the enclosing <c>product_version</c> branch, a <c>product_version_range</c> branch in the vers
/// syntax (<c>vers:generic/&gt;=A|&lt;B</c>), or the identifier's own version. Per vulnerability (§3.2.3): the id is
/// <c>cve</c> (else the first of <c>ids</c>, else the advisory's tracking id); the affected versions are the products in
/// <c>product_status</c> (§3.2.3.9) <c>known_affected</c>, <c>first_affected</c> and <c>last_affected</c>; the CVSS v3.1
/// vector is the <c>scores[].cvss_v3.vectorString</c> (§3.2.3.11, version "3.1") covering those products (the score is
/// computed from the vector, never taken from <c>baseScore</c>); when a <c>remediations[]</c> entry of category
/// <c>vendor_fix</c> (§3.2.3.12) names them, the fixed version is the smallest version among the component's
/// <c>first_fixed</c> and <c>fixed</c> products. A product id used but never defined (§6.1.1), a product id defined twice
/// (§6.1.2), or anything not of CSAF's shape is a malformed advisory: one <see cref="ArgumentException"/>, and nothing is
/// returned (so nothing is stored). Vulnerabilities naming no catalogue component or without a v3.1 vector for it, and
/// products whose version is not a dotted number (1.0.0-rc1), are skipped and listed.
/// </summary>
public static class CsafImport
{
    /// <summary>Whether <paramref name="json"/> looks like a CSAF document (an object with <c>document.csaf_version</c>): the CLI's choice of reader.</summary>
    public static bool IsAdvisory(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("document", out var d)
                && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("csaf_version", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The weaknesses read, and the vulnerabilities (or products) skipped with why.</summary>
    /// <exception cref="ArgumentException">Not JSON, not a CSAF 2.0 advisory, or malformed (see the class).</exception>
    public static (IReadOnlyList<Weakness> Weaknesses, IReadOnlyList<string> Skipped) Read(string json, IReadOnlyList<CatalogueComponent> catalogue, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalogue);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{source} is not JSON: {e.Message}", nameof(json), e);
        }

        using (document)
        {
            var root = document.RootElement;
            var meta = Object(root, "document") ?? throw Malformed(source, "no document object");
            if (Text(meta, "csaf_version") != "2.0")
            {
                throw Malformed(source, "document.csaf_version is not \"2.0\"");
            }

            var tracking = Object(meta, "tracking") is { } t ? Text(t, "id") : null;
            var advisory = tracking ?? throw Malformed(source, "no document.tracking.id");
            var skipped = new List<string>();
            var products = CsafProducts.Read(root, source, skipped);
            var weaknesses = new List<Weakness>();
            var vulnerabilities = root.TryGetProperty("vulnerabilities", out var v) ? v : default;
            if (vulnerabilities.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
            {
                throw Malformed(source, "vulnerabilities is not an array");
            }

            var index = 0;
            foreach (var vulnerability in vulnerabilities.ValueKind == JsonValueKind.Array ? vulnerabilities.EnumerateArray() : default)
            {
                index++;
                if (vulnerability.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed(source, $"vulnerability {index} is not an object");
                }

                var id = Text(vulnerability, "cve") ?? FirstId(vulnerability) ?? $"{advisory}#{index}";
                var title = Text(vulnerability, "title") ?? Text(meta, "title") ?? id;
                var status = Object(vulnerability, "product_status");
                var affected = Ids(status, source, products, "known_affected", "first_affected", "last_affected");
                var fixedIds = Ids(status, source, products, "first_fixed", "fixed");
                var scores = Scores(vulnerability, source, products);
                var vendorFix = VendorFixes(vulnerability, source, products);
                var matched = false;
                foreach (var component in catalogue)
                {
                    var mine = affected.Where(p => products.Of(p) is { Identifier: { } i } && i.SameProduct(component.Identifier)).ToList();
                    if (mine.Count == 0)
                    {
                        continue;
                    }

                    matched = true;
                    var ranges = mine.Select(p => products.Of(p)!.Range).OfType<AffectedRange>().Distinct().ToList();
                    if (ranges.Count == 0)
                    {
                        skipped.Add($"{id}: no affected version of {component.InventoryName}");
                        continue;
                    }

                    if (scores.FirstOrDefault(s => s.Products.Overlaps(mine)).Vector is not { } vector)
                    {
                        skipped.Add($"{id}: no CVSS v3.1 vector (scores[].cvss_v3) for {component.InventoryName}");
                        continue;
                    }

                    string? fixedIn = null;
                    if (vendorFix.Overlaps(mine))
                    {
                        fixedIn = fixedIds.Select(p => products.Of(p)!).Where(p => p.Identifier is { } i && i.SameProduct(component.Identifier) && p.Range is { Before: null, UpTo: null })
                            .Select(p => p.Range!.From).OrderBy(PkiProtocol.Audit.IdfVersion.Parse).FirstOrDefault();
                    }

                    weaknesses.Add(new Weakness(id, component.InventoryName, vector, ranges, fixedIn, title, source));
                }

                if (!matched)
                {
                    skipped.Add($"{id}: names no catalogue component with an affected version");
                }
            }

            return (weaknesses, skipped);
        }
    }

    internal static ArgumentException Malformed(string source, string what) => new($"{source} is not a well-formed CSAF 2.0 advisory: {what}");

    internal static JsonElement? Object(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Product ids under the named lists of an object; each must be defined in the product tree (CSAF 2.0 §6.1.1).
    private static HashSet<string> Ids(JsonElement? container, string source, CsafProducts products, params string[] names)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (container is not { } c)
        {
            return ids;
        }

        foreach (var name in names)
        {
            if (!c.TryGetProperty(name, out var list))
            {
                continue;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(source, $"{name} is not an array of product ids");
            }

            foreach (var item in list.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Malformed(source, $"{name} holds something other than a product id");
                ids.Add(products.Of(id) is not null ? id : throw Malformed(source, $"product id {id} in {name} is not defined in the product tree"));
            }
        }

        return ids;
    }

    private static List<(HashSet<string> Products, CvssVector? Vector)> Scores(JsonElement vulnerability, string source, CsafProducts products)
    {
        var list = new List<(HashSet<string>, CvssVector?)>();
        if (!vulnerability.TryGetProperty("scores", out var scores))
        {
            return list;
        }

        if (scores.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(source, "scores is not an array");
        }

        foreach (var score in scores.EnumerateArray())
        {
            var ids = Ids(score, source, products, "products");
            if (Object(score, "cvss_v3") is { } cvss && Text(cvss, "version") == "3.1" && Text(cvss, "vectorString") is { } text)
            {
                list.Add((ids, CvssVector.TryParse(text, out _)));
            }
        }

        return list;
    }

    private static HashSet<string> VendorFixes(JsonElement vulnerability, string source, CsafProducts products)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!vulnerability.TryGetProperty("remediations", out var remediations))
        {
            return ids;
        }

        if (remediations.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(source, "remediations is not an array");
        }

        foreach (var remediation in remediations.EnumerateArray().Where(r => Text(r, "category") == "vendor_fix"))
        {
            ids.UnionWith(Ids(remediation, source, products, "product_ids"));
        }

        return ids;
    }

    private static string? FirstId(JsonElement vulnerability) =>
        vulnerability.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(i => Text(i, "text")).FirstOrDefault(t => t is not null)
            : null;
}
