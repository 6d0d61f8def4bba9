using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Validation;

public sealed partial class StixValidator
{
    // STIX 2.1 §6: the predefined SCO extensions, by the type they extend.
    private static readonly Dictionary<string, string[]> PredefinedExtensions = new(StringComparer.Ordinal)
    {
        ["file"] = ["archive-ext", "ntfs-ext", "pdf-ext", "raster-image-ext", "windows-pebinary-ext"], // §6.7.2
        ["network-traffic"] = ["http-request-ext", "icmp-ext", "socket-ext", "tcp-ext"], // §6.12.2
        ["process"] = ["windows-process-ext", "windows-service-ext"], // §6.13.2
        ["user-account"] = ["unix-account-ext"], // §6.16.2
    };

    // STIX 2.1 §3.2 extensions and §7.3: every key is either a predefined extension of the type or
    // the id of a known extension definition whose value names one of its declared extension types.
    private void CheckExtensions(JsonObject obj, TypeSpec spec, List<StixValidationError> errors)
    {
        if (!obj.TryGetPropertyValue("extensions", out var node) || node is null)
        {
            return;
        }

        if (node is not JsonObject extensions || extensions.Count == 0)
        {
            errors.Add(new("$.extensions", "must be a non-empty dictionary (STIX 2.1 §3.2)"));
            return;
        }

        foreach (var (key, value) in extensions)
        {
            var path = $"$.extensions['{Clip(key)}']";
            if (value is not JsonObject extension)
            {
                errors.Add(new(path, "must be a JSON object"));
                continue;
            }

            if (key.StartsWith("extension-definition--", StringComparison.Ordinal))
            {
                CheckDefinedExtension(obj, spec, key, extension, path, errors);
            }
            else if (!PredefinedExtensions.TryGetValue(spec.Type, out var names) || !names.Contains(key))
            {
                errors.Add(new(path, $"'{Clip(key)}' is neither a predefined extension of '{spec.Type}' nor an extension definition id (STIX 2.1 §7.3)"));
            }
            else if (extension.Count == 0)
            {
                errors.Add(new(path, "an extension must carry at least one property"));
            }
        }
    }

    private void CheckDefinedExtension(JsonObject obj, TypeSpec spec, string key, JsonObject extension, string path, List<StixValidationError> errors)
    {
        if (!StixId.TryParse(key, out _))
        {
            errors.Add(new(path, "the key is not a valid extension-definition identifier (STIX 2.1 §2.9)"));
            return;
        }

        if (!_extensions.TryGet(key, out var definition))
        {
            errors.Add(new(path, "unknown extension definition: post the extension-definition object first (STIX 2.1 §7.3)"));
            return;
        }

        var extensionType = StixObject.GetString(extension, "extension_type");
        if (extensionType is null || !ExtensionRegistry.ExtensionTypeValues.Contains(extensionType))
        {
            errors.Add(new(path + ".extension_type", "required, one of the extension-type-enum values (STIX 2.1 §7.3.1)"));
            return;
        }

        if (!definition.ExtensionTypes.Contains(extensionType))
        {
            errors.Add(new(path + ".extension_type", $"'{extensionType}' is not declared by {definition.Name}"));
            return;
        }

        if (extensionType == "property-extension" && extension.Count < 2)
        {
            errors.Add(new(path, "a property extension must carry at least one property besides extension_type"));
        }

        if (extensionType is "new-sdo" or "new-sco" or "new-sro" && StixTypeCatalog.Find(spec.Type) is not null)
        {
            errors.Add(new(path, $"a {extensionType} extension cannot redefine the built-in type '{spec.Type}'"));
        }

        if (definition.ValueValidator is { } validator)
        {
            errors.AddRange(validator(obj, extension).Select(e => e with { Path = path + e.Path.TrimStart('$') }));
        }
    }
}
