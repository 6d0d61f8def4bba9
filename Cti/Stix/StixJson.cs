using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// How this library writes JSON on the wire and in storage: UTF-8 with only the escapes JSON
/// requires (RFC 8259 §7), so "TLP:AMBER+STRICT", "Müller" or "京" stay as they are instead of
/// becoming \u escapes. (The HTML-safe default escaping of System.Text.Json protects HTML pages;
/// these documents are never embedded in HTML unencoded.)
/// </summary>
public static class StixJson
{
    /// <summary>The encoder: everything but quotes, backslashes and control characters written literally.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options for <see cref="JsonNode.ToJsonString(JsonSerializerOptions?)"/>.</summary>
    public static JsonSerializerOptions NodeOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Options for a <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The compact JSON text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(NodeOptions);
    }
}
