using System.Globalization;
using System.Text.Json.Nodes;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Benchmarks.Community.Scale;

/// <summary>
/// Rows to bulk-load a large store (<see cref="SqlHubStore.BulkImportAsync"/>, bypassing ingest): half indicators,
/// a third anomaly summaries (observed-data with the anomaly extension), the rest file observables, as the hub stores
/// them (JSON-canonical bodies, access and value facts), so reads and ingest meet a realistic table and indexes.
/// </summary>
internal static class ScaleRows
{
    public const string Collection = "6b1f0c2e-5d4a-4e3b-9c8d-7a6f5e4d3c2b";

    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Rows <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static IEnumerable<StoredObject> Generate(long from, long to)
    {
        for (var n = from; n < to; n++)
        {
            yield return (n % 6) switch
            {
                0 or 1 or 2 => Indicator(n),
                3 or 4 => Summary(n),
                _ => File(n),
            };
        }
    }

    private static StoredObject Indicator(long n)
    {
        var created = StixTimestamp.Format(T0.AddSeconds(-n));
        var threat = X1371ThreatTypes.Label(X1371ThreatTypes.All[(int)(n % 7)]);
        var obj = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = $"indicator--{n:x8}-5555-4555-8555-{n:x12}",
            ["created"] = created,
            ["modified"] = created,
            ["name"] = "Scale indicator " + n.ToString(CultureInfo.InvariantCulture),
            ["pattern"] = $"[file:hashes.'SHA-256' = '{n:x64}']",
            ["pattern_type"] = "stix",
            ["valid_from"] = created,
            ["labels"] = new JsonArray(threat),
            ["object_marking_refs"] = new JsonArray(Tlp.MarkingId(n % 2 == 0 ? TlpLevel.Green : TlpLevel.Clear)),
        };
        return Row(obj, "indicator", n, n % 2 == 0 ? TlpLevel.Green : TlpLevel.Clear, [threat], [], []);
    }

    private static StoredObject Summary(long n)
    {
        var summary = new AnomalySummary
        {
            SummaryId = Guid.Parse($"{n:x8}-6666-4666-8666-{n:x12}"),
            VehiclePseudonym = $"pz-scale-{n % 50_000:x8}",
            Make = "Acme",
            Model = n % 2 == 0 ? "Roadster" : "Van",
            FirmwareVersion = "2.4.1",
            Ecu = "tbox",
            Detector = "detector-" + (n % 13).ToString(CultureInfo.InvariantCulture),
            AnomalyClass = "hash-mismatch",
            ThreatType = X1371ThreatTypes.All[(int)(n % 7)],
            Created = T0.AddSeconds(-n),
            FirstObserved = T0.AddSeconds(-n),
            LastObserved = T0.AddSeconds(-n),
            Observables = [Observables.File($"image-{n % 997}.bin", (n % 997 + 1).ToString("x64", CultureInfo.InvariantCulture))],
        };
        var obj = summary.ToStixObjects()[^1];
        return Row(obj, "observed-data", n, TlpLevel.Green, [X1371ThreatTypes.Label(summary.ThreatType)], ["acme"], [summary.Model.ToLowerInvariant()]);
    }

    private static StoredObject File(long n) =>
        Row(Observables.File($"scale-{n}.bin", n.ToString("x64", CultureInfo.InvariantCulture)), "file", n, TlpLevel.Green, [], [], []);

    private static StoredObject Row(JsonObject obj, string type, long n, TlpLevel tlp, IReadOnlyList<string> threats, IReadOnlyList<string> makes, IReadOnlyList<string> models)
    {
        var version = StixObject.FromJson(obj).Version;
        var versionUs = version is { } v ? StixTimestamp.ToMicroseconds(v) : StixTimestamp.ToMicroseconds(T0) + n;
        return new StoredObject
        {
            CollectionId = Collection,
            StixId = StixObject.GetString(obj, "id")!,
            StixType = type,
            VersionUs = versionUs,
            IsFirst = true,
            IsLast = true,
            Producer = "scale-oem",
            Tlp = tlp,
            ThreatTypes = threats,
            Makes = makes,
            Models = models,
            Completeness = 0.5,
            ProducedUs = versionUs,
            Created = StixObject.GetString(obj, "created"),
            Body = JsonCanonicalizer.Canonicalize(obj),
        };
    }
}
