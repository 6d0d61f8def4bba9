using System.Text.Json.Nodes;
using Cti.Patterning;
using Cti.Stix;

namespace Cti.Sharing;

/// <summary>
/// Turns the cyber-observables of an anomaly into a STIX pattern (§9) that matches any of them:
/// one observation per indicative observable, joined by OR. Files match by SHA-256 (else name),
/// processes by their image's name, flows by destination and port, addresses and domains by value;
/// software (context, not an indicator) is used only when nothing else is there. Built as a
/// syntax tree and written by <see cref="PatternWriter"/>, so the result always parses.
/// </summary>
public static class IndicatorPatterns
{
    /// <summary>The pattern, or null when no observable can be matched on.</summary>
    public static string? FromObservables(IReadOnlyList<JsonObject> observables)
    {
        ArgumentNullException.ThrowIfNull(observables);
        var byId = observables
            .Where(o => StixObject.GetString(o, "id") is not null)
            .GroupBy(o => StixObject.GetString(o, "id")!)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var observations = new List<ObservationExpression>();
        foreach (var o in observables)
        {
            if (Comparison(o, byId) is { } comparison)
            {
                observations.Add(new SimpleObservation(comparison));
            }
        }

        if (observations.Count == 0)
        {
            foreach (var o in observables.Where(o => StixObject.GetString(o, "type") == "software"))
            {
                observations.Add(new SimpleObservation(Software(o)));
            }
        }

        if (observations.Count == 0)
        {
            return null;
        }

        var root = observations[0];
        foreach (var next in observations.Skip(1))
        {
            root = new CompositeObservation(ObservationOperator.Or, root, next);
        }

        return PatternWriter.Write(root);
    }

    private static ComparisonExpression? Comparison(JsonObject o, Dictionary<string, JsonObject> byId)
    {
        switch (StixObject.GetString(o, "type"))
        {
            case "file":
                if (o["hashes"] is JsonObject hashes && StixObject.GetString(hashes, "SHA-256") is { } hex)
                {
                    return Equal("file", [new KeyStep("hashes"), new KeyStep("SHA-256")], hex.ToLowerInvariant());
                }

                return StixObject.GetString(o, "name") is { } name ? Equal("file", [new KeyStep("name")], name) : null;
            case "process":
                return StixObject.GetString(o, "image_ref") is { } image && byId.TryGetValue(image, out var file) && StixObject.GetString(file, "name") is { } imageName
                    ? Equal("process", [new KeyStep("image_ref"), new KeyStep("name")], imageName)
                    : null;
            case "network-traffic":
                if (StixObject.GetString(o, "dst_ref") is not { } dst || !byId.TryGetValue(dst, out var target) || StixObject.GetString(target, "value") is not { } value)
                {
                    return null;
                }

                ComparisonExpression flow = Equal("network-traffic", [new KeyStep("dst_ref"), new KeyStep("value")], value);
                if (JsonNumbers.TryGetInt64(o["dst_port"], out var port))
                {
                    flow = new CompositeComparison(true, flow, new PropertyComparison(
                        new ObjectPath("network-traffic", [new KeyStep("dst_port")]), ComparisonOperator.Equal, false, new IntegerLiteral(port)));
                }

                return flow;
            case "ipv4-addr" or "ipv6-addr" or "domain-name" or "url":
                return StixObject.GetString(o, "value") is { } v ? Equal(StixObject.GetString(o, "type")!, [new KeyStep("value")], v) : null;
            default:
                return null;
        }
    }

    private static ComparisonExpression Software(JsonObject o)
    {
        ComparisonExpression result = Equal("software", [new KeyStep("name")], StixObject.GetString(o, "name") ?? string.Empty);
        if (StixObject.GetString(o, "version") is { } version)
        {
            result = new CompositeComparison(true, result, Equal("software", [new KeyStep("version")], version));
        }

        return result;
    }

    private static PropertyComparison Equal(string type, IReadOnlyList<PathStep> steps, string value) =>
        new(new ObjectPath(type, steps), ComparisonOperator.Equal, false, new StringLiteral(value));
}
