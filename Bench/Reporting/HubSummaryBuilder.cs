using System.Text.Json.Nodes;
using Cti.Sharing;

namespace Bench.Reporting;

/// <summary>
/// Reads what the hub holds (the objects of the anomalies collection) against what each OBU's forwarder had
/// acknowledged: the objects by type, the summaries by threat type, the tampered OBU's summaries found at the
/// hub and the merged indicator and sighting of each of its anomalies.
/// </summary>
public static class HubSummaryBuilder
{
    /// <summary>Where the hub is and what the OBUs posted.</summary>
    /// <param name="ApiRoot">The TAXII API root.</param>
    /// <param name="Collection">The anomalies collection's id.</param>
    /// <param name="Database">The hub's SQLite file.</param>
    /// <param name="TamperedObu">The tampered OBU.</param>
    /// <param name="TamperedAt">When it was tampered.</param>
    /// <param name="Posted">Per OBU, the summary ids the hub acknowledged and when it first did.</param>
    public sealed record Inputs(string ApiRoot, string Collection, string Database, string TamperedObu, DateTimeOffset TamperedAt,
        IReadOnlyDictionary<string, (IReadOnlySet<string> Ids, DateTimeOffset? FirstAt)> Posted);

    /// <summary>The hub's part of the summary from its <paramref name="objects"/> (latest versions).</summary>
    public static HubSummary Build(IReadOnlyList<JsonObject> objects, Inputs inputs)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(inputs);
        var byType = Histogram.Of(objects.Select(o => Text(o, "type") ?? "?"));
        var summaries = objects.Where(o => Text(o, "type") == "observed-data").ToList();
        var byThreat = Histogram.Of(summaries.Select(o => Text(Extension(o, AnomalyExtension.Id), "threat_type") ?? "none"));
        var tamperedIds = inputs.Posted.TryGetValue(inputs.TamperedObu, out var t) ? t.Ids : new HashSet<string>(StringComparer.Ordinal);
        var held = summaries.Where(o => Text(o, "id") is { } id && tamperedIds.Contains(id)).ToList();
        var anomalies = Merged(objects, held);
        var first = t.FirstAt is { } at ? Math.Round((at - inputs.TamperedAt).TotalMilliseconds) : (double?)null;
        return new HubSummary(inputs.ApiRoot, inputs.Collection, inputs.Database, byType, byThreat, inputs.TamperedObu, tamperedIds.Count, held.Count,
            inputs.Posted.Where(kv => kv.Key != inputs.TamperedObu).Sum(kv => kv.Value.Ids.Count), anomalies, first);
    }

    /// <summary>
    /// The merged anomaly of each signature among <paramref name="summaries"/> (anomaly summaries, observed-data): its
    /// summaries at the hub, and the indicator and sighting the hub merged them into (X.1382 Appendix II e).
    /// </summary>
    public static IReadOnlyList<MergedAnomaly> Merged(IReadOnlyList<JsonObject> objects, IEnumerable<JsonObject> summaries)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(summaries);
        var all = objects.Where(o => Text(o, "type") == "observed-data").ToList();
        return summaries.Select(o => Extension(o, AnomalyExtension.Id)).Where(e => Text(e, "signature") is not null)
            .GroupBy(e => Text(e, "signature")!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var merged = objects.Where(o => Text(Extension(o, HubExtension.Id), HubExtension.AnomalySignature) == g.Key).ToList();
                var sighting = merged.FirstOrDefault(o => Text(o, "type") == "sighting");
                return new MergedAnomaly(g.Key, Text(g.First(), "threat_type"), Text(g.First(), "anomaly_class"),
                    all.Count(o => Text(Extension(o, AnomalyExtension.Id), "signature") == g.Key),
                    merged.Any(o => Text(o, "type") == "indicator"),
                    sighting is null ? null : Integer(sighting, "count"),
                    sighting is null ? null : Integer(Extension(sighting, HubExtension.Id), HubExtension.VehicleCount));
            }).ToList();
    }

    /// <summary>Every merged anomaly the hub holds (of every summary in <paramref name="objects"/>).</summary>
    public static IReadOnlyList<MergedAnomaly> Merged(IReadOnlyList<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Merged(objects, objects.Where(o => Text(o, "type") == "observed-data"));
    }

    /// <summary>One line of the objects by type ("observed-data 1, indicator 1, sighting 1"), or "empty".</summary>
    public static string Counts(IReadOnlyDictionary<string, int> byType) =>
        byType.Count == 0 ? "empty" : string.Join(", ", byType.Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>The objects by type of <paramref name="objects"/>.</summary>
    public static SortedDictionary<string, int> ByType(IReadOnlyList<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Histogram.Of(objects.Select(o => Text(o, "type") ?? "?"));
    }

    private static JsonObject? Extension(JsonObject? o, string id) => o?["extensions"] is JsonObject extensions ? extensions[id] as JsonObject : null;

    private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Integer(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
