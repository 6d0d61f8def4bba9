using System.Text.Json;
using System.Text.Json.Serialization;
using Cti.Stix;

namespace Cti.Taxii;

/// <summary>Source-generated System.Text.Json metadata for the TAXII 2.1 resources (snake_case, nulls omitted).</summary>
// Bodies from outside: a repeated property name is a JsonException (I-JSON, RFC 7493 §2.3), never a last-one-wins
// or an ArgumentException from a JsonObject on first read.
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaxiiDiscovery))]
[JsonSerializable(typeof(TaxiiApiRoot))]
[JsonSerializable(typeof(TaxiiCollection))]
[JsonSerializable(typeof(TaxiiCollections))]
[JsonSerializable(typeof(TaxiiManifest))]
[JsonSerializable(typeof(TaxiiEnvelope))]
[JsonSerializable(typeof(TaxiiVersions))]
[JsonSerializable(typeof(TaxiiStatus))]
[JsonSerializable(typeof(TaxiiError))]
public sealed partial class TaxiiJsonContext : JsonSerializerContext
{
    /// <summary>The same metadata writing with <see cref="StixJson.Encoder"/> (no needless \u escapes).</summary>
    public static TaxiiJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = StixJson.Encoder,
    });
}
