using System.Text.Json;
using PostureServer.Catalogue;
using PostureServer.Cvss;

namespace PostureServer.Import;

/// <summary>
/// Reads weaknesses from a CVE JSON 5 record set (CVE Record Format 5.x, CVEProject/cve-schema: one record, or an array of
/// records) for the components of the catalogue. Per record: <c>cveMetadata.cveId</c>; from <c>containers.cna</c> the
/// <c>title</c> (or the first English description), the first <c>metrics[].cvssV3_1.vectorString</c> (the score is
/// computed from the vector, never taken from <c>baseScore</c>), and each <c>affected[]</c> entry, matched to catalogue
/// components by its <c>cpes</c> (vendor and product of a CPE 2.3 string) or by <c>vendor</c> and <c>product</c>; its
/// <c>versions[]</c> with status "affected" (<c>version</c>, with <c>lessThan</c> or <c>lessThanOrEqual</c>) become the
/// affected ranges, and the smallest <c>lessThan</c> the first fixed version (no <c>lessThan</c>: no patch). A record
/// without a CVSS v3.1 vector, or naming no catalogue component, is skipped and counted.
/// </summary>
public static class CveRecordImport
{
    /// <summary>The weaknesses read, and the ids of the records skipped with why.</summary>
    /// <exception cref="ArgumentException">Not JSON, or not CVE JSON 5 records.</exception>
    public static (IReadOnlyList<Weakness> Weaknesses, IReadOnlyList<string> Skipped) Read(string json, IReadOnlyList<CatalogueComponent> catalogue, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalogue);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{source} is not JSON: {e.Message}", nameof(json), e);
        }

        using (document)
        {
            var records = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            var weaknesses = new List<Weakness>();
            var skipped = new List<string>();
            foreach (var record in records)
            {
                if (!IsRecord(record, out var id, out var cna))
                {
                    throw new ArgumentException($"{source}: an element is not a CVE JSON 5 record (dataType CVE_RECORD, cveMetadata.cveId, containers.cna)");
                }

                if (Vector(cna) is not { } vector)
                {
                    skipped.Add($"{id}: no valid CVSS v3.1 vector (metrics[].cvssV3_1.vectorString)");
                    continue;
                }

                var title = Text(cna, "title") ?? Descriptions(cna) ?? id;
                var matched = false;
                var affectedList = cna.TryGetProperty("affected", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];
                foreach (var affected in affectedList)
                {
                    foreach (var component in catalogue.Where(c => Matches(affected, c.Identifier)))
                    {
                        var (ranges, fixedIn) = Versions(affected, id);
                        if (ranges.Count == 0)
                        {
                            continue;
                        }

                        matched = true;
                        weaknesses.Add(new Weakness(id, component.InventoryName, vector, ranges, fixedIn, title, source));
                    }
                }

                if (!matched)
                {
                    skipped.Add($"{id}: names no catalogue component with an affected version");
                }
            }

            return (weaknesses, skipped);
        }
    }

    private static bool IsRecord(JsonElement record, out string id, out JsonElement cna)
    {
        id = string.Empty;
        cna = default;
        if (record.ValueKind != JsonValueKind.Object || Text(record, "dataType") != "CVE_RECORD"
            || !record.TryGetProperty("cveMetadata", out var meta) || meta.ValueKind != JsonValueKind.Object || Text(meta, "cveId") is not { } cveId
            || !record.TryGetProperty("containers", out var containers) || containers.ValueKind != JsonValueKind.Object
            || !containers.TryGetProperty("cna", out cna) || cna.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        id = cveId;
        return true;
    }

    private static CvssVector? Vector(JsonElement cna)
    {
        if (!cna.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var m in metrics.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("cvssV3_1", out var v) && v.ValueKind == JsonValueKind.Object
                && Text(v, "vectorString") is { } text && CvssVector.TryParse(text, out _) is { } vector)
            {
                return vector;
            }
        }

        return null;
    }

    private static bool Matches(JsonElement affected, ComponentIdentifier component)
    {
        if (affected.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (affected.TryGetProperty("cpes", out var cpes) && cpes.ValueKind == JsonValueKind.Array)
        {
            foreach (var cpe in cpes.EnumerateArray())
            {
                if (cpe.ValueKind == JsonValueKind.String && TryIdentifier(cpe.GetString()!) is { } id && id.SameProduct(component))
                {
                    return true;
                }
            }
        }

        return component.Kind == "cpe" && string.Equals(Text(affected, "vendor"), component.Vendor, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Text(affected, "product"), component.Product, StringComparison.OrdinalIgnoreCase);
    }

    private static (List<AffectedRange> Ranges, string? FixedIn) Versions(JsonElement affected, string id)
    {
        var ranges = new List<AffectedRange>();
        string? fixedIn = null;
        if (!affected.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
        {
            return (ranges, null);
        }

        foreach (var v in versions.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Object || Text(v, "status") != "affected" || Text(v, "version") is not { } from)
            {
                continue;
            }

            var before = Text(v, "lessThan");
            var upTo = Text(v, "lessThanOrEqual");
            try
            {
                ranges.Add(AffectedRange.Parse(before is not null ? $"{from}..<{before}" : upTo is not null ? $"{from}..{upTo}" : from));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{id}: {e.Message}", e);
            }

            if (before is not null && (fixedIn is null || PkiProtocol.Audit.IdfVersion.Parse(before) < PkiProtocol.Audit.IdfVersion.Parse(fixedIn)))
            {
                fixedIn = before;
            }
        }

        return (ranges, fixedIn);
    }

    private static ComponentIdentifier? TryIdentifier(string text)
    {
        try
        {
            return ComponentIdentifier.Parse(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Descriptions(JsonElement cna)
    {
        if (!cna.TryGetProperty("descriptions", out var d) || d.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return d.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object && (Text(x, "lang") ?? string.Empty).StartsWith("en", StringComparison.Ordinal))
            .Select(x => Text(x, "value")).FirstOrDefault(x => x is not null);
    }
}
