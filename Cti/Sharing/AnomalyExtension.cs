using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cti.Stix;
using Cti.Validation;

namespace Cti.Sharing;

/// <summary>
/// The property extension (STIX 2.1 §7.3) that turns an <c>observed-data</c> object into a V2X
/// anomaly summary from an on-board unit: pseudonymous vehicle, make/model/firmware, the detector
/// and its graded finding, the X.1371 threat type, a coarse location and short evidence.
/// </summary>
public static partial class AnomalyExtension
{
    /// <summary>The extension definition's identifier.</summary>
    public const string Id = "extension-definition--b714df09-ffb1-4dd7-b736-af7b1c0520f6";

    /// <summary>Longest evidence text accepted (characters).</summary>
    public const int MaxEvidenceChars = 1024;

    private static readonly string[] PropertyNames =
    [
        "extension_type", "signature", "vehicle", "make", "model", "firmware_version", "supplier", "ecu",
        "detector", "anomaly_class", "severity", "threat_type", "location", "evidence",
    ];

    /// <summary>What the validator knows about this extension.</summary>
    public static ExtensionDefinitionInfo Info { get; } = new(
        Id,
        "v2x-anomaly-summary",
        new HashSet<string>(StringComparer.Ordinal) { "property-extension" },
        new HashSet<string>(StringComparer.Ordinal),
        Validate);

    /// <summary>The extension-definition object (publish it once to a collection, or rely on the hub knowing it).</summary>
    public static JsonObject Definition() => new()
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = Id,
        ["created_by_ref"] = ProjectIdentity.Id,
        ["created"] = ProjectIdentity.Created,
        ["modified"] = ProjectIdentity.Created,
        ["name"] = "v2x-anomaly-summary",
        ["description"] = "Desensitised anomaly summary from a vehicle on-board unit's integrity-detection function (ITU-T X.1382 §9.3.2).",
        ["schema"] = "Docs/community.md#anomaly-summary-extension",
        ["version"] = "1.0",
        ["extension_types"] = new JsonArray("property-extension"),
    };

    /// <summary>The severity's wire value.</summary>
    public static string SeverityValue(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.Anomaly => "anomaly",
        AnomalySeverity.HighAnomaly => "high-anomaly",
        AnomalySeverity.Compromise => "compromise",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "not a severity"),
    };

    /// <summary>Reads the facts of an anomaly summary; false when the object carries no valid extension.</summary>
    public static bool TryRead(JsonObject stixObject, out AnomalyFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(stixObject);
        facts = null;
        if ((stixObject["extensions"] as JsonObject)?[Id] is not JsonObject ext || Validate(stixObject, ext).Any())
        {
            return false;
        }

        CoarseLocation? location = null;
        if (ext["location"] is JsonObject loc)
        {
            JsonNumbers.TryGetDouble(loc["latitude"], out var lat);
            JsonNumbers.TryGetDouble(loc["longitude"], out var lon);
            location = CoarseLocation.Round(lat, lon, Math.Min(3, Math.Max(Decimals(lat), Decimals(lon))));
        }

        X1371ThreatTypes.TryParseLabel(StixObject.GetString(ext, "threat_type"), out var threat);
        facts = new AnomalyFacts(
            StixObject.GetString(ext, "signature")!,
            StixObject.GetString(ext, "vehicle")!,
            StixObject.GetString(ext, "make")!,
            StixObject.GetString(ext, "model")!,
            StixObject.GetString(ext, "firmware_version")!,
            StixObject.GetString(ext, "supplier"),
            StixObject.GetString(ext, "ecu"),
            StixObject.GetString(ext, "detector")!,
            StixObject.GetString(ext, "anomaly_class")!,
            ParseSeverity(StixObject.GetString(ext, "severity")!),
            threat,
            location,
            StixObject.GetString(ext, "evidence"));
        return true;
    }

    /// <summary>The number of decimals a coordinate is written with.</summary>
    public static int Decimals(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            return 15;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    private static AnomalySeverity ParseSeverity(string value) => value switch
    {
        "high-anomaly" => AnomalySeverity.HighAnomaly,
        "compromise" => AnomalySeverity.Compromise,
        _ => AnomalySeverity.Anomaly,
    };

    private static IEnumerable<StixValidationError> Validate(JsonObject obj, JsonObject ext)
    {
        if (StixObject.GetString(obj, "type") != "observed-data")
        {
            yield return new("$", "the anomaly summary extension applies to observed-data only");
        }

        foreach (var name in ext.Select(p => p.Key).Where(k => !PropertyNames.Contains(k)))
        {
            yield return new("$." + name, "not a property of the anomaly summary extension");
        }

        if (StixObject.GetString(ext, "signature") is not { } sig || !SignatureRegex().IsMatch(sig))
        {
            yield return new("$.signature", "required: 64 lower-case hex digits (see AnomalySignature)");
        }

        if (StixObject.GetString(ext, "vehicle") is not { } vehicle || !PseudonymRegex().IsMatch(vehicle))
        {
            yield return new("$.vehicle", "required: a pseudonym of 8-128 characters [A-Za-z0-9._:-]");
        }

        foreach (var name in (string[])["make", "model", "firmware_version"])
        {
            if (StixObject.GetString(ext, name) is not { Length: > 0 and <= 128 })
            {
                yield return new("$." + name, "required string of 1-128 characters");
            }
        }

        foreach (var name in (string[])["supplier", "ecu"])
        {
            if (ext.ContainsKey(name) && StixObject.GetString(ext, name) is not { Length: > 0 and <= 128 })
            {
                yield return new("$." + name, "a string of 1-128 characters");
            }
        }

        foreach (var name in (string[])["detector", "anomaly_class"])
        {
            if (StixObject.GetString(ext, name) is not { } v || v.Length > 64 || !WordRegex().IsMatch(v))
            {
                yield return new("$." + name, "required: lower-case words joined by hyphens, at most 64 characters");
            }
        }

        if (StixObject.GetString(ext, "severity") is not ("anomaly" or "high-anomaly" or "compromise"))
        {
            yield return new("$.severity", "required: anomaly, high-anomaly or compromise");
        }

        if (!X1371ThreatTypes.TryParseLabel(StixObject.GetString(ext, "threat_type"), out _))
        {
            yield return new("$.threat_type", "required: an X.1371 threat-type label such as x1371:update-procedures");
        }

        if (ext.TryGetPropertyValue("location", out var location) && !IsValidLocation(location))
        {
            yield return new("$.location", "an object with numeric latitude (-90..90) and longitude (-180..180)");
        }

        if (ext.ContainsKey("evidence") && StixObject.GetString(ext, "evidence") is not { Length: <= MaxEvidenceChars })
        {
            yield return new("$.evidence", $"a string of at most {MaxEvidenceChars} characters");
        }
    }

    private static bool IsValidLocation(JsonNode? node) =>
        node is JsonObject loc && loc.Count == 2 &&
        JsonNumbers.TryGetDouble(loc["latitude"], out var lat) && lat is >= -90 and <= 90 &&
        JsonNumbers.TryGetDouble(loc["longitude"], out var lon) && lon is >= -180 and <= 180;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex SignatureRegex();

    [GeneratedRegex("^[A-Za-z0-9._:-]{8,128}$")]
    private static partial Regex PseudonymRegex();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex WordRegex();
}
