using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// One STIX 2.1 object as JSON, with typed access to the common properties (STIX 2.1 §3.2).
/// STIX objects are open-ended (extensions, optional properties, types this library does not
/// model), so the JSON is the truth and nothing is lost on a round trip; this class only reads it.
/// Validate with <see cref="Validation.StixValidator"/> before trusting any property.
/// </summary>
public sealed class StixObject
{
    private StixObject(JsonObject json)
    {
        Json = json;
    }

    /// <summary>The object's JSON. Changing it changes this object.</summary>
    public JsonObject Json { get; }

    /// <summary>The <c>type</c> property, or an empty string.</summary>
    public string Type => GetString(Json, "type") ?? string.Empty;

    /// <summary>The <c>id</c> property as text, or an empty string.</summary>
    public string Id => GetString(Json, "id") ?? string.Empty;

    /// <summary>The <c>spec_version</c> property, or null (optional on SCOs, §3.2).</summary>
    public string? SpecVersion => GetString(Json, "spec_version");

    /// <summary>The <c>created</c> timestamp, or null when absent or malformed.</summary>
    public DateTimeOffset? Created => GetTimestamp(Json, "created");

    /// <summary>The <c>modified</c> timestamp, or null when absent or malformed.</summary>
    public DateTimeOffset? Modified => GetTimestamp(Json, "modified");

    /// <summary>The <c>revoked</c> property (false when absent).</summary>
    public bool Revoked => Json["revoked"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>The <c>created_by_ref</c> property, or null.</summary>
    public string? CreatedByRef => GetString(Json, "created_by_ref");

    /// <summary>The <c>labels</c> property (empty when absent).</summary>
    public IReadOnlyList<string> Labels => GetStringList(Json, "labels");

    /// <summary>The <c>object_marking_refs</c> property (empty when absent).</summary>
    public IReadOnlyList<string> ObjectMarkingRefs => GetStringList(Json, "object_marking_refs");

    /// <summary>The family of the object's type.</summary>
    public StixObjectKind Kind => Validation.StixTypeCatalog.KindOf(Type);

    /// <summary>
    /// The version of the object as TAXII 2.1 §3.6 defines it: <c>modified</c>, else <c>created</c>;
    /// null for objects that have neither (most SCOs), whose version is their <c>date_added</c>.
    /// </summary>
    public DateTimeOffset? Version => Modified ?? Created;

    /// <summary>Wraps <paramref name="json"/> (not copied).</summary>
    public static StixObject FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new StixObject(json);
    }

    /// <summary>A deep copy.</summary>
    public StixObject Clone() => new((JsonObject)Json.DeepClone());

    /// <summary>The compact JSON text.</summary>
    public override string ToString() => StixJson.Write(Json);

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? GetString(JsonObject json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>A timestamp property, or null when absent or malformed.</summary>
    public static DateTimeOffset? GetTimestamp(JsonObject json, string name) =>
        StixTimestamp.TryParse(GetString(json, name), out var t) ? t : null;

    /// <summary>A list-of-strings property; non-string items are skipped; empty when absent.</summary>
    public static IReadOnlyList<string> GetStringList(JsonObject json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json[name] is not JsonArray array)
        {
            return [];
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result.Add(v.GetValue<string>());
            }
        }

        return result;
    }
}
