using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Stix;
using Cti.Validation;

namespace Cti.Sharing;

/// <summary>
/// The sharing hub's own property extension (STIX 2.1 §7.3). Members may set
/// <see cref="Recipients"/> (the named recipients of a TLP:RED object) and <see cref="RetainUntil"/>
/// (per-object expiry, X.1382 §9.3.1.2 c). The hub alone sets the value score (X.1382
/// Appendix II) and the merge counters of the indicators it builds from anomaly summaries.
/// </summary>
public static class HubExtension
{
    /// <summary>The extension definition's identifier.</summary>
    public const string Id = "extension-definition--95c5fff4-2aa4-4a92-94d3-9dfc33df63c0";

    /// <summary>Identities (identity--…) of the organisations a TLP:RED object is shared with.</summary>
    public const string Recipients = "recipients";

    /// <summary>Timestamp after which the hub erases the object.</summary>
    public const string RetainUntil = "retain_until";

    /// <summary>The hub's value score for the reader, 0-100 (added on read).</summary>
    public const string ValueScore = "value_score";

    /// <summary>Signature of the merged anomaly (hub-built indicators and sightings).</summary>
    public const string AnomalySignature = "anomaly_signature";

    /// <summary>Distinct vehicles that reported the merged anomaly.</summary>
    public const string VehicleCount = "vehicle_count";

    /// <summary>Reports merged.</summary>
    public const string ReportCount = "report_count";

    /// <summary>First observation across the merged reports.</summary>
    public const string FirstSeen = "first_seen";

    /// <summary>Last observation across the merged reports.</summary>
    public const string LastSeen = "last_seen";

    /// <summary>Properties only the hub may set.</summary>
    public static readonly IReadOnlySet<string> HubOnlyProperties =
        new HashSet<string>(StringComparer.Ordinal) { ValueScore, AnomalySignature, VehicleCount, ReportCount, FirstSeen, LastSeen };

    /// <summary>What the validator knows about this extension.</summary>
    public static ExtensionDefinitionInfo Info { get; } = new(
        Id,
        "x1382-hub",
        new HashSet<string>(StringComparer.Ordinal) { "property-extension" },
        new HashSet<string>(StringComparer.Ordinal),
        Validate);

    /// <summary>The extension-definition object.</summary>
    public static JsonObject Definition() => new()
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = Id,
        ["created_by_ref"] = ProjectIdentity.Id,
        ["created"] = ProjectIdentity.Created,
        ["modified"] = ProjectIdentity.Created,
        ["name"] = "x1382-hub",
        ["description"] = "Sharing-community hub annotations: TLP:RED recipients, retention, value score (ITU-T X.1382 Appendix II), merged anomaly counters.",
        ["schema"] = "Docs/community.md#hub-extension",
        ["version"] = "1.0",
        ["extension_types"] = new JsonArray("property-extension"),
    };

    /// <summary>The value score the hub put on an object it returned, or null.</summary>
    public static int? ReadValueScore(JsonObject stixObject)
    {
        ArgumentNullException.ThrowIfNull(stixObject);
        return (stixObject["extensions"] as JsonObject)?[Id] is JsonObject ext && JsonNumbers.TryGetInt64(ext[ValueScore], out var score)
            ? (int)score
            : null;
    }

    private static IEnumerable<StixValidationError> Validate(JsonObject obj, JsonObject ext)
    {
        foreach (var (name, value) in ext)
        {
            switch (name)
            {
                case "extension_type":
                    break;
                case Recipients:
                    if (value is not JsonArray list || list.Count == 0 ||
                        list.Any(r => r is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !StixId.TryParse(v.GetValue<string>(), out var id) || id.Type != "identity"))
                    {
                        yield return new("$." + name, "a non-empty list of identity identifiers");
                    }

                    break;
                case RetainUntil or FirstSeen or LastSeen:
                    if (value is not JsonValue ts || ts.GetValueKind() != JsonValueKind.String || !StixTimestamp.TryParse(ts.GetValue<string>(), out _))
                    {
                        yield return new("$." + name, "a timestamp");
                    }

                    break;
                case ValueScore:
                    if (!JsonNumbers.TryGetInt64(value, out var score) || score is < 0 or > 100)
                    {
                        yield return new("$." + name, "an integer 0-100");
                    }

                    break;
                case VehicleCount or ReportCount:
                    if (!JsonNumbers.TryGetInt64(value, out var count) || count < 0)
                    {
                        yield return new("$." + name, "a non-negative integer");
                    }

                    break;
                case AnomalySignature:
                    if (value is not JsonValue sig || sig.GetValueKind() != JsonValueKind.String)
                    {
                        yield return new("$." + name, "a string");
                    }

                    break;
                default:
                    yield return new("$." + name, "not a property of the hub extension");
                    break;
            }
        }

        _ = obj;
    }
}
