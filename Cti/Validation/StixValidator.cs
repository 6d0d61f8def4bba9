using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Validation;

/// <summary>
/// Checks one STIX 2.1 object: identifier and timestamp formats, common and type-specific
/// properties (required, data types, ranges, timestamp order), the indicator pattern (a real
/// parse of the STIX patterning grammar, §9), and that custom content arrives only through
/// extension definitions known to the <see cref="ExtensionRegistry"/> (§7.3). Returns every
/// problem found; an empty list means the object is valid.
/// </summary>
public sealed partial class StixValidator
{
    /// <summary>The only STIX version this library accepts (STIX 2.1 §3.2 spec_version).</summary>
    public const string SpecVersion = "2.1";

    private readonly ExtensionRegistry _extensions;

    /// <summary>A validator resolving extensions through <paramref name="extensions"/>.</summary>
    public StixValidator(ExtensionRegistry extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        _extensions = extensions;
    }

    /// <summary>Validates <paramref name="obj"/>; returns the problems found (empty when valid).</summary>
    public IReadOnlyList<StixValidationError> Validate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<StixValidationError>();
        var type = StixObject.GetString(obj, "type");
        if (type is null)
        {
            errors.Add(new("$.type", "required string property missing (STIX 2.1 §3.2)"));
            return errors;
        }

        if (!StixId.IsValidTypeName(type))
        {
            errors.Add(new("$.type", $"'{Clip(type)}' is not a valid type name (STIX 2.1 §3.1)"));
            return errors;
        }

        var spec = StixTypeCatalog.Find(type) ?? CustomSpec(obj, type, errors);
        if (spec is null)
        {
            return errors;
        }

        CheckIdentity(obj, type, spec, errors);
        CheckProperties(obj, spec, errors);
        CheckExtensions(obj, spec, errors);
        CheckCommonOrder(obj, errors);
        CheckTypeRules(obj, type, errors);
        return errors;
    }

    // STIX 2.1 §7.3: a type that is not built in must be declared by a new-sdo / new-sco / new-sro
    // extension definition that the object references in its extensions property.
    private TypeSpec? CustomSpec(JsonObject obj, string type, List<StixValidationError> errors)
    {
        if (obj["extensions"] is JsonObject extensions)
        {
            foreach (var (key, value) in extensions)
            {
                if (_extensions.TryGet(key, out var definition) && value is JsonObject v &&
                    StixObject.GetString(v, "extension_type") is { } extensionType &&
                    definition.ExtensionTypes.Contains(extensionType))
                {
                    var kind = extensionType switch
                    {
                        "new-sdo" => StixObjectKind.DomainObject,
                        "new-sro" => StixObjectKind.RelationshipObject,
                        "new-sco" => StixObjectKind.CyberObservable,
                        _ => StixObjectKind.Unknown,
                    };
                    if (kind != StixObjectKind.Unknown)
                    {
                        return StixTypeCatalog.Custom(type, kind);
                    }
                }
            }
        }

        errors.Add(new("$.type", $"type '{type}' is not accepted: custom types must be declared by a known extension definition (STIX 2.1 §7.3)"));
        return null;
    }

    private static void CheckIdentity(JsonObject obj, string type, TypeSpec spec, List<StixValidationError> errors)
    {
        var idText = StixObject.GetString(obj, "id");
        if (idText is not null && StixId.TryParse(idText, out var id) && id.Type != type)
        {
            errors.Add(new("$.id", $"the identifier's type '{id.Type}' differs from the object type '{type}' (STIX 2.1 §2.9)"));
        }

        var specVersion = obj["spec_version"];
        if (specVersion is not null || spec.Kind != StixObjectKind.CyberObservable)
        {
            if (StixObject.GetString(obj, "spec_version") is { } sv && sv != SpecVersion)
            {
                errors.Add(new("$.spec_version", $"spec_version '{Clip(sv)}' is not supported; this community exchanges STIX 2.1 only"));
            }
        }
    }

    // STIX 2.1 §3.2: modified >= created.
    private static void CheckCommonOrder(JsonObject obj, List<StixValidationError> errors)
    {
        var created = StixObject.GetTimestamp(obj, "created");
        var modified = StixObject.GetTimestamp(obj, "modified");
        if (created is not null && modified is not null && modified < created)
        {
            errors.Add(new("$.modified", "modified is earlier than created (STIX 2.1 §3.2: modified MUST be later than or equal to created)"));
        }
    }

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64] + "…";

    private static bool IsKind(JsonNode? node, JsonValueKind kind) => node is JsonValue v && v.GetValueKind() == kind;
}
