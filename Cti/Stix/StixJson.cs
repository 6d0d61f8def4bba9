using System.Text.Unicode;
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

    /// <summary>The deepest nesting accepted in JSON from outside.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// How every parse of JSON from outside (a hub request body, a hub's answer, a STIX object) reads it: at most
    /// <see cref="MaxDepth"/> levels, and a repeated property name is a <see cref="JsonException"/> at parse time.
    /// RFC 8259 §4 leaves duplicate names to the implementation; STIX 2.1 §3.1 and TAXII 2.1 §3.1 require
    /// I-JSON (RFC 7493 §2.3: names MUST be unique). Left to the default, a <see cref="JsonNode"/> over
    /// {"id":1,"id":2} throws <see cref="ArgumentException"/> on its first read instead.
    /// </summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>
    /// Parses JSON from outside with <see cref="DocumentOptions"/>. The text must be well-formed UTF-8 (RFC 8259 §8.1)
    /// and no escape may leave an unpaired surrogate (RFC 8259 §8.2); I-JSON (RFC 7493 §2.1), which STIX 2.1 and
    /// TAXII 2.1 require, forbids both. Both are checked here, before the document is built: System.Text.Json checks a
    /// string's octets and escapes only when the string is read, so either surfaced later as an
    /// <see cref="InvalidOperationException"/> from whatever read it first (fuzzing findings taxii-1 and taxii-2,
    /// Docs/fuzzing.md).
    /// </summary>
    /// <exception cref="JsonException">Not UTF-8, an unpaired surrogate, not JSON, too deep, or a repeated property name.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (!Utf8.IsValid(utf8Json))
        {
            throw new JsonException("the text is not well-formed UTF-8 (RFC 8259 §8.1, RFC 7493 §2.1)");
        }

        CheckEscapes(utf8Json);
        return JsonNode.Parse(utf8Json, documentOptions: DocumentOptions);
    }

    /// <summary>The compact JSON text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(NodeOptions);
    }

    // RFC 8259 §8.2, RFC 7493 §2.1: every escaped string and name must decode to Unicode scalar values; reading it
    // decodes it (a pass of the reader alone, with the document's depth limit; a syntax error is the parse's JsonException).
    private static void CheckEscapes(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException e)
                {
                    throw new JsonException($"the escape in the string at octet {reader.TokenStartIndex} leaves an unpaired surrogate (RFC 8259 §8.2, RFC 7493 §2.1)", e);
                }
            }
        }
    }
}
