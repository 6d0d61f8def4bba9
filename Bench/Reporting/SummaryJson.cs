using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting;

/// <summary>The JSON form of the bench's outputs: camelCase names, enums as their names, times as ISO 8601.</summary>
public static class SummaryJson
{
    /// <summary>The serializer options of summary.json and decisions.jsonl.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same, indented (summary.json).</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
