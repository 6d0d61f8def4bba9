using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cti.Patterning;
using Cti.Stix;

namespace Cti.Validation;

public sealed partial class StixValidator
{
    private static readonly string[] OpinionValues = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"];

    private static void CheckTypeRules(JsonObject obj, string type, List<StixValidationError> errors)
    {
        switch (type)
        {
            case "indicator":
                CheckIndicator(obj, errors);
                break;
            case "observed-data":
                // §4.14: last_observed >= first_observed; "objects" is deprecated in favour of object_refs.
                CheckOrder(obj, "first_observed", "last_observed", errors, strict: false);
                if (obj.ContainsKey("objects"))
                {
                    errors.Add(new("$.objects", "deprecated in STIX 2.1 (§4.14); send the SCOs as objects and reference them in object_refs"));
                }

                CheckRefKinds(obj, "object_refs", errors, "observed-data object_refs must reference SCOs or SROs (STIX 2.1 §4.14)",
                    StixObjectKind.CyberObservable, StixObjectKind.RelationshipObject);
                break;
            case "sighting":
                CheckOrder(obj, "first_seen", "last_seen", errors, strict: false); // §5.2
                break;
            case "relationship":
                if (StixObject.GetString(obj, "relationship_type") is { } rt && !Regex.IsMatch(rt, "^[a-z0-9]+(-[a-z0-9]+)*$"))
                {
                    errors.Add(new("$.relationship_type", "must be lower-case words joined by hyphens (STIX 2.1 §5.1)"));
                }

                CheckOrder(obj, "start_time", "stop_time", errors, strict: true); // §5.1: stop_time MUST be later than start_time
                break;
            case "malware":
                // §4.11: name is required when is_family is true.
                if (IsKind(obj["is_family"], JsonValueKind.True) && !obj.ContainsKey("name"))
                {
                    errors.Add(new("$.name", "required when is_family is true (STIX 2.1 §4.11)"));
                }

                CheckOrder(obj, "first_seen", "last_seen", errors, strict: false);
                break;
            case "campaign" or "intrusion-set" or "threat-actor" or "infrastructure":
                CheckOrder(obj, "first_seen", "last_seen", errors, strict: false);
                break;
            case "opinion":
                if (StixObject.GetString(obj, "opinion") is { } opinion && !OpinionValues.Contains(opinion))
                {
                    errors.Add(new("$.opinion", "must be one of opinion-enum (STIX 2.1 §10.8)"));
                }

                break;
            case "location":
                CheckLocation(obj, errors);
                break;
            case "marking-definition":
                CheckMarkingDefinition(obj, errors);
                break;
            case "extension-definition":
                CheckExtensionDefinition(obj, errors);
                break;
            default:
                CheckObservableRules(obj, type, errors);
                break;
        }
    }

    // STIX 2.1 §4.7 indicator: a pattern of type "stix" must parse (§9); valid_until > valid_from.
    private static void CheckIndicator(JsonObject obj, List<StixValidationError> errors)
    {
        CheckOrder(obj, "valid_from", "valid_until", errors, strict: true);
        var pattern = StixObject.GetString(obj, "pattern");
        if (pattern is null || StixObject.GetString(obj, "pattern_type") != "stix")
        {
            return;
        }

        if (!StixPattern.TryParse(pattern, out _, out var error))
        {
            errors.Add(new("$.pattern", error!.Message));
        }
    }

    private static void CheckLocation(JsonObject obj, List<StixValidationError> errors)
    {
        var hasLat = obj.ContainsKey("latitude");
        var hasLon = obj.ContainsKey("longitude");
        if (hasLat != hasLon)
        {
            errors.Add(new("$.latitude", "latitude and longitude come together (STIX 2.1 §4.10)"));
        }

        if (!hasLat && !obj.ContainsKey("region") && !obj.ContainsKey("country"))
        {
            errors.Add(new("$", "a location needs region, country, or latitude and longitude (STIX 2.1 §4.10)"));
        }

        CheckRange(obj, "latitude", -90, 90, errors);
        CheckRange(obj, "longitude", -180, 180, errors);
    }

    private static void CheckRange(JsonObject obj, string name, double min, double max, List<StixValidationError> errors)
    {
        if (JsonNumbers.TryGetDouble(obj[name], out var v) && (v < min || v > max))
        {
            errors.Add(new("$." + name, $"must be between {min} and {max}"));
        }
    }

    // STIX 2.1 §7.2: a marking definition is a statement, a predefined TLP 1.0 marking, or defined by
    // an extension (TLP 2.0 uses the OASIS extension and one of its five published ids).
    private static void CheckMarkingDefinition(JsonObject obj, List<StixValidationError> errors)
    {
        var id = StixObject.GetString(obj, "id") ?? string.Empty;
        var definitionType = StixObject.GetString(obj, "definition_type");
        var hasExtensions = obj["extensions"] is JsonObject;
        if (definitionType is null && !hasExtensions)
        {
            errors.Add(new("$.definition_type", "required unless the marking is defined by an extension (STIX 2.1 §7.2.1)"));
        }

        switch (definitionType)
        {
            case null:
                break;
            case "statement":
                if (obj["definition"] is not JsonObject statement || StixObject.GetString(statement, "statement") is not { Length: > 0 })
                {
                    errors.Add(new("$.definition.statement", "a statement marking needs a statement string (STIX 2.1 §7.2.2.1)"));
                }

                break;
            case "tlp":
                if (Tlp.PredefinedV1(id) is not { } expected ||
                    obj["definition"] is not JsonObject definition || StixObject.GetString(definition, "tlp") != StixObject.GetString((JsonObject)expected["definition"]!, "tlp"))
                {
                    errors.Add(new("$", "a TLP 1.0 marking must be one of the four predefined by STIX 2.1 §7.2.1.4"));
                }

                break;
            default:
                errors.Add(new("$.definition_type", $"'{Clip(definitionType)}' is not a known definition type (STIX 2.1 §7.2.1)"));
                break;
        }

        var tlp2 = (obj["extensions"] as JsonObject)?[Tlp.ExtensionDefinitionId] as JsonObject;
        if (tlp2 is not null)
        {
            var label = StixObject.GetString(tlp2, "tlp_2_0");
            if (!Tlp.TryParseLabel(label, out var level) || label == "white" || Tlp.MarkingId(level) != id)
            {
                errors.Add(new("$.extensions", "a TLP 2.0 marking must be one of the five published by OASIS, with the matching tlp_2_0 value"));
            }
        }
        else if (Tlp.TryGetLevel(id, out _) && Tlp.PredefinedV1(id) is null)
        {
            errors.Add(new("$.id", "this id is reserved for a TLP 2.0 marking and must carry the TLP 2.0 extension"));
        }
    }

    private static void CheckExtensionDefinition(JsonObject obj, List<StixValidationError> errors)
    {
        var types = StixObject.GetStringList(obj, "extension_types");
        foreach (var t in types.Where(t => !ExtensionRegistry.ExtensionTypeValues.Contains(t)))
        {
            errors.Add(new("$.extension_types", $"'{Clip(t)}' is not in extension-type-enum (STIX 2.1 §7.3.1)"));
        }

        if (types.Contains("toplevel-property-extension") && StixObject.GetStringList(obj, "extension_properties").Count == 0)
        {
            errors.Add(new("$.extension_properties", "required for a toplevel-property-extension (STIX 2.1 §7.3)"));
        }

        foreach (var p in StixObject.GetStringList(obj, "extension_properties").Where(p => !IsValidPropertyName(p)))
        {
            errors.Add(new("$.extension_properties", $"'{Clip(p)}' is not a valid property name (STIX 2.1 §3.1)"));
        }
    }

    private static void CheckObservableRules(JsonObject obj, string type, List<StixValidationError> errors)
    {
        switch (type)
        {
            case "file" when !obj.ContainsKey("hashes") && !obj.ContainsKey("name"):
                errors.Add(new("$", "a file needs hashes or name (STIX 2.1 §6.7)"));
                break;
            case "network-traffic":
                if (!obj.ContainsKey("src_ref") && !obj.ContainsKey("dst_ref"))
                {
                    errors.Add(new("$", "network-traffic needs src_ref or dst_ref (STIX 2.1 §6.12)"));
                }

                CheckOrder(obj, "start", "end", errors, strict: false);
                break;
            case "process" or "x509-certificate" or "windows-registry-key" or "user-account"
                when !obj.Any(p => p.Key is not ("type" or "id" or "spec_version" or "object_marking_refs" or "granular_markings" or "defanged")):
                errors.Add(new("$", $"a {type} must carry at least one property of its own (STIX 2.1 §6)"));
                break;
            case "ipv4-addr":
                CheckAddress(obj, AddressFamily.InterNetwork, 32, errors);
                break;
            case "ipv6-addr":
                CheckAddress(obj, AddressFamily.InterNetworkV6, 128, errors);
                break;
            case "mac-addr" when StixObject.GetString(obj, "value") is { } mac && !Regex.IsMatch(mac, "^([0-9a-f]{2}:){5}[0-9a-f]{2}$"):
                errors.Add(new("$.value", "a MAC address is six colon-separated lower-case hex octets (STIX 2.1 §6.10)"));
                break;
            case "artifact" when obj.ContainsKey("payload_bin") == obj.ContainsKey("url"):
                errors.Add(new("$", "an artifact carries exactly one of payload_bin and url (STIX 2.1 §6.1)"));
                break;
            case "artifact" when obj.ContainsKey("url") && !obj.ContainsKey("hashes"):
                errors.Add(new("$.hashes", "required when url is present (STIX 2.1 §6.1)"));
                break;
        }
    }

    private static void CheckAddress(JsonObject obj, AddressFamily family, int maxPrefix, List<StixValidationError> errors)
    {
        if (StixObject.GetString(obj, "value") is not { } value)
        {
            return;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? value : value[..slash];
        var ok = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == family &&
                 (family != AddressFamily.InterNetwork || address.Count(c => c == '.') == 3);
        if (ok && slash >= 0)
        {
            ok = int.TryParse(value.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) &&
                 prefix <= maxPrefix;
        }

        if (!ok)
        {
            errors.Add(new("$.value", $"not a valid {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address or CIDR block (STIX 2.1 §6.8/§6.9)"));
        }
    }

    private static void CheckRefKinds(JsonObject obj, string name, List<StixValidationError> errors, string message, params StixObjectKind[] kinds)
    {
        foreach (var r in StixObject.GetStringList(obj, name))
        {
            if (StixId.TryParse(r, out var id) && !kinds.Contains(StixTypeCatalog.KindOf(id.Type)) && StixTypeCatalog.KindOf(id.Type) != StixObjectKind.Unknown)
            {
                errors.Add(new("$." + name, message));
                return;
            }
        }
    }

    private static void CheckOrder(JsonObject obj, string first, string last, List<StixValidationError> errors, bool strict)
    {
        var a = StixObject.GetTimestamp(obj, first);
        var b = StixObject.GetTimestamp(obj, last);
        if (a is null || b is null)
        {
            return;
        }

        if (strict ? b <= a : b < a)
        {
            errors.Add(new("$." + last, $"{last} must be {(strict ? "later than" : "later than or equal to")} {first} (STIX 2.1)"));
        }
    }
}
