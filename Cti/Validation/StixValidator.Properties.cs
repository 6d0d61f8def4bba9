using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Validation;

public sealed partial class StixValidator
{
    // Hash algorithm names of the STIX 2.1 hash-algorithm-ov (§10.10) with fixed hex lengths.
    private static readonly Dictionary<string, int> HashHexLengths = new(StringComparer.Ordinal)
    {
        ["MD5"] = 32,
        ["SHA-1"] = 40,
        ["SHA-256"] = 64,
        ["SHA-512"] = 128,
        ["SHA3-256"] = 64,
        ["SHA3-512"] = 128,
    };

    /// <summary>The expected hex length of a STIX hash algorithm's value, or null when variable or unknown.</summary>
    public static int? HashHexLength(string algorithm) => HashHexLengths.TryGetValue(algorithm, out var n) ? n : null;

    private void CheckProperties(JsonObject obj, TypeSpec spec, List<StixValidationError> errors)
    {
        var topLevelAllowed = TopLevelExtensionProperties(obj);
        foreach (var (name, value) in obj)
        {
            var path = "$." + name;
            if (spec.Properties.TryGetValue(name, out var prop))
            {
                if (value is null)
                {
                    errors.Add(new(path, "null is not a value; omit the property instead (STIX 2.1 §3.1)"));
                    continue;
                }

                CheckValue(path, value, prop, errors);
            }
            else if (!topLevelAllowed.Contains(name) && !IsCustomTypeProperty(spec, name))
            {
                errors.Add(new(path, $"property '{Clip(name)}' is not defined for '{spec.Type}'; custom properties are accepted only through an extension definition (STIX 2.1 §7.3, §11.1)"));
            }
        }

        foreach (var prop in spec.Properties.Values)
        {
            if (prop.Required && !obj.ContainsKey(prop.Name))
            {
                errors.Add(new("$." + prop.Name, $"required property missing for '{spec.Type}' (STIX 2.1)"));
            }
        }
    }

    // Objects of a type declared by an extension definition carry the properties of its schema,
    // which this library cannot check; their names must still follow STIX 2.1 §3.1.
    private static bool IsCustomTypeProperty(TypeSpec spec, string name) =>
        StixTypeCatalog.Find(spec.Type) is null && IsValidPropertyName(name);

    private HashSet<string> TopLevelExtensionProperties(JsonObject obj)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (obj["extensions"] is JsonObject extensions)
        {
            foreach (var (key, value) in extensions)
            {
                if (_extensions.TryGet(key, out var definition) && value is JsonObject v &&
                    StixObject.GetString(v, "extension_type") == "toplevel-property-extension")
                {
                    allowed.UnionWith(definition.TopLevelProperties);
                }
            }
        }

        return allowed;
    }

    /// <summary>STIX 2.1 §3.1: property names are 3-250 characters of a-z, 0-9 and underscore.</summary>
    public static bool IsValidPropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is >= 3 and <= 250 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
    }

    private static void CheckValue(string path, JsonNode value, PropertySpec prop, List<StixValidationError> errors)
    {
        switch (prop.Kind)
        {
            case PropertyKind.String:
                if (!IsKind(value, JsonValueKind.String))
                {
                    errors.Add(new(path, "must be a string"));
                }
                else if (prop.Required && value.GetValue<string>().Length == 0)
                {
                    errors.Add(new(path, "must not be empty"));
                }

                break;
            case PropertyKind.Timestamp:
                if (!IsKind(value, JsonValueKind.String) || !StixTimestamp.TryParse(value.GetValue<string>(), out _))
                {
                    errors.Add(new(path, "must be a timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z (STIX 2.1 §2.15)"));
                }

                break;
            case PropertyKind.Boolean:
                if (!IsKind(value, JsonValueKind.True) && !IsKind(value, JsonValueKind.False))
                {
                    errors.Add(new(path, "must be a boolean"));
                }

                break;
            case PropertyKind.Integer:
                CheckInteger(path, value, prop, errors);
                break;
            case PropertyKind.Number:
                if (!IsKind(value, JsonValueKind.Number))
                {
                    errors.Add(new(path, "must be a number"));
                }

                break;
            case PropertyKind.Identifier:
                CheckIdentifier(path, value, prop.RefTypes, errors);
                break;
            case PropertyKind.IdentifierList:
                if (NonEmptyArray(path, value, errors) is { } ids)
                {
                    for (var i = 0; i < ids.Count; i++)
                    {
                        CheckIdentifier($"{path}[{i}]", ids[i], prop.RefTypes, errors);
                    }
                }

                break;
            case PropertyKind.StringList:
                if (NonEmptyArray(path, value, errors) is { } strings && strings.Any(s => !IsKind(s, JsonValueKind.String)))
                {
                    errors.Add(new(path, "must be a list of strings"));
                }

                break;
            case PropertyKind.Dictionary:
            case PropertyKind.Object:
                if (value is not JsonObject)
                {
                    errors.Add(new(path, "must be a JSON object"));
                }

                break;
            case PropertyKind.Hashes:
                CheckHashes(path, value, errors);
                break;
            case PropertyKind.KillChainPhases:
                CheckObjectList(path, value, errors, "kill_chain_name", "phase_name");
                break;
            case PropertyKind.ExternalReferences:
                CheckObjectList(path, value, errors, "source_name");
                break;
            case PropertyKind.GranularMarkings:
                CheckObjectList(path, value, errors);
                break;
            case PropertyKind.ObjectList:
                CheckObjectList(path, value, errors);
                break;
            case PropertyKind.Binary:
                if (!IsKind(value, JsonValueKind.String) || !Base64.IsValid(value.GetValue<string>()))
                {
                    errors.Add(new(path, "must be base64 (STIX 2.1 §2.1 binary)"));
                }

                break;
            case PropertyKind.Hex:
                if (!IsKind(value, JsonValueKind.String) || !IsHex(value.GetValue<string>()))
                {
                    errors.Add(new(path, "must be an even number of hexadecimal digits (STIX 2.1 §2.4 hex)"));
                }

                break;
            case PropertyKind.Any:
                break;
        }
    }

    private static void CheckInteger(string path, JsonNode value, PropertySpec prop, List<StixValidationError> errors)
    {
        if (!JsonNumbers.TryGetInt64(value, out var n))
        {
            errors.Add(new(path, "must be an integer"));
            return;
        }

        if (n < prop.Min || n > prop.Max)
        {
            errors.Add(new(path, $"must be between {prop.Min} and {prop.Max}"));
        }
    }

    private static void CheckIdentifier(string path, JsonNode? value, IReadOnlyList<string>? refTypes, List<StixValidationError> errors)
    {
        if (!IsKind(value, JsonValueKind.String) || !StixId.TryParse(value!.GetValue<string>(), out var id))
        {
            errors.Add(new(path, "must be a STIX identifier type--UUID (STIX 2.1 §2.9)"));
            return;
        }

        if (refTypes is null)
        {
            return;
        }

        var ok = refTypes.Any(t => t == id.Type || (t == "sdo" && StixTypeCatalog.KindOf(id.Type) is StixObjectKind.DomainObject or StixObjectKind.Unknown));
        if (!ok)
        {
            errors.Add(new(path, $"must reference {string.Join(" or ", refTypes)}, not '{id.Type}'"));
        }
    }

    private static JsonArray? NonEmptyArray(string path, JsonNode value, List<StixValidationError> errors)
    {
        if (value is not JsonArray array)
        {
            errors.Add(new(path, "must be a list"));
            return null;
        }

        if (array.Count == 0)
        {
            errors.Add(new(path, "must not be an empty list"));
            return null;
        }

        return array;
    }

    private static void CheckObjectList(string path, JsonNode value, List<StixValidationError> errors, params string[] requiredStrings)
    {
        if (NonEmptyArray(path, value, errors) is not { } array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                errors.Add(new($"{path}[{i}]", "must be a JSON object"));
                continue;
            }

            foreach (var name in requiredStrings)
            {
                if (StixObject.GetString(item, name) is not { Length: > 0 })
                {
                    errors.Add(new($"{path}[{i}].{name}", "required string property missing"));
                }
            }
        }
    }

    private static void CheckHashes(string path, JsonNode value, List<StixValidationError> errors)
    {
        if (value is not JsonObject hashes || hashes.Count == 0)
        {
            errors.Add(new(path, "must be a non-empty dictionary of hash values (STIX 2.1 §2.7)"));
            return;
        }

        foreach (var (algorithm, hash) in hashes)
        {
            if (!IsKind(hash, JsonValueKind.String))
            {
                errors.Add(new($"{path}.{algorithm}", "must be a string"));
                continue;
            }

            var text = hash!.GetValue<string>();
            if (HashHexLength(algorithm) is { } length && (text.Length != length || !IsHex(text)))
            {
                errors.Add(new($"{path}.{algorithm}", $"a {algorithm} value is {length} hexadecimal digits"));
            }
        }
    }

    private static bool IsHex(string s) => s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit);
}
