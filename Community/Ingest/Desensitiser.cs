using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Community.Membership;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Ingest;

/// <summary>
/// Desensitisation of shared data (ITU-T X.1382 §7.3, §9.3.2.3 f; the sensitive data of §6.2 c):
/// finds vehicle identification numbers (ISO 3779 / 49 CFR 565 check digit), number plates,
/// IMEI / IMSI, coordinates more precise than the collection allows, and personal names and
/// e-mail addresses, anywhere in an object (descriptions, patterns, extensions). In
/// <see cref="DesensitisationMode.Scrub"/> mode it replaces them in place (rounding coordinates);
/// the caller rejects the object in <see cref="DesensitisationMode.Reject"/> mode.
/// </summary>
/// <remarks>
/// Detection is by pattern and by property name: it catches the identifiers it knows the shape of,
/// not every possible piece of personal data. Plates are matched for common national formats
/// (UK, FR, DE, IT, ES, NL, CN, US-style); names by honorifics, "owner/driver/name:" phrases, and
/// properties that hold names (identity of class individual, display_name, owner, driver, …).
/// </remarks>
public static partial class Desensitiser
{
    private static readonly HashSet<string> StructuralKeys = new(StringComparer.Ordinal)
    {
        "type", "id", "spec_version", "created", "modified", "object_marking_refs", "extension_type", "signature", "anomaly_signature",
        "pattern_type", "pattern_version", "valid_from", "valid_until", "first_observed", "last_observed", "first_seen", "last_seen",
        "published", "start_time", "stop_time", "retain_until", "identity_class", "hashes", "value_score", "vehicle_count", "report_count",
    };

    private static readonly string[] PersonKeyParts = ["owner", "driver", "person", "full_name", "first_name", "last_name", "given_name", "family_name", "surname", "display_name", "contact_information", "customer"];

    private static readonly string[] PlateKeyParts = ["plate", "licence", "license", "registration_number"];

    private static readonly string[] IdentityKeyParts = ["vin", "imei", "imsi", "msisdn", "iccid"];

    /// <summary>Finds sensitive data; in scrub mode also replaces it. Returns what was found.</summary>
    public static IReadOnlyList<DesensitisationFinding> Apply(JsonObject obj, CollectionPolicy policy, bool scrub)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(policy);
        var findings = new List<DesensitisationFinding>();
        var individual = StixObject.GetString(obj, "type") == "identity" && StixObject.GetString(obj, "identity_class") == "individual";
        Walk(obj, "$", findings, policy.CoordinateDecimals, scrub, individual);
        return findings;
    }

    private static void Walk(JsonObject obj, string path, List<DesensitisationFinding> findings, int decimals, bool scrub, bool individual)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var child = obj[key];
            var childPath = path + "." + key;
            if (child is null || IsStructural(key))
            {
                continue;
            }

            var lowerKey = key.ToLowerInvariant();
            switch (child)
            {
                case JsonObject o:
                    Walk(o, childPath, findings, decimals, scrub, individual: false);
                    break;
                case JsonArray a:
                    WalkArray(a, childPath, lowerKey, findings, decimals, scrub);
                    break;
                case JsonValue v:
                    var replacement = CheckValue(v, childPath, lowerKey, findings, decimals, individual && key is "name" or "description" or "contact_information");
                    if (scrub && replacement is not null)
                    {
                        obj[key] = replacement;
                    }

                    break;
            }
        }
    }

    private static void WalkArray(JsonArray array, string path, string lowerKey, List<DesensitisationFinding> findings, int decimals, bool scrub)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            switch (array[i])
            {
                case JsonObject o:
                    Walk(o, itemPath, findings, decimals, scrub, individual: false);
                    break;
                case JsonArray a:
                    WalkArray(a, itemPath, lowerKey, findings, decimals, scrub);
                    break;
                case JsonValue v:
                    var replacement = CheckValue(v, itemPath, lowerKey, findings, decimals, wholeValueIsPerson: false);
                    if (scrub && replacement is not null)
                    {
                        array[i] = replacement;
                    }

                    break;
            }
        }
    }

    // Returns the replacement node when something was found, else null.
    private static JsonNode? CheckValue(JsonValue value, string path, string lowerKey, List<DesensitisationFinding> findings, int decimals, bool wholeValueIsPerson)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return CheckNumber(value, path, lowerKey, findings, decimals);
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                var scrubbed = CheckString(text, path, lowerKey, findings, decimals, wholeValueIsPerson);
                return scrubbed == text ? null : JsonValue.Create(scrubbed);
            default:
                return null;
        }
    }

    private static JsonNode? CheckNumber(JsonValue value, string path, string lowerKey, List<DesensitisationFinding> findings, int decimals)
    {
        if (IsCoordinateKey(lowerKey) && JsonNumbers.TryGetDouble(value, out var coordinate) && AnomalyExtension.Decimals(coordinate) > decimals)
        {
            findings.Add(new("position", path));
            return JsonValue.Create(Math.Round(coordinate, decimals, MidpointRounding.AwayFromZero));
        }

        // An IMEI or IMSI written as a JSON number (14-16 digits).
        if (JsonNumbers.TryGetInt64(value, out var n) && Math.Abs(n) is >= 10_000_000_000_000 and < 10_000_000_000_000_000)
        {
            var kind = ClassifySubscriberNumber(Math.Abs(n).ToString(CultureInfo.InvariantCulture));
            findings.Add(new(kind, path));
            return JsonValue.Create(0);
        }

        return null;
    }

    private static string CheckString(string text, string path, string lowerKey, List<DesensitisationFinding> findings, int decimals, bool wholeValueIsPerson)
    {
        if (text.Length == 0 || text.StartsWith("REDACTED-", StringComparison.Ordinal) || StixTimestamp.TryParse(text, out _) || StixId.TryParse(text, out _))
        {
            return text;
        }

        // Properties that hold identifiers or names by their very nature.
        if (wholeValueIsPerson || PersonKeyParts.Any(lowerKey.Contains))
        {
            findings.Add(new("person", path));
            return "REDACTED-PERSON";
        }

        if (PlateKeyParts.Any(lowerKey.Contains))
        {
            findings.Add(new("plate", path));
            return "REDACTED-PLATE";
        }

        if (IdentityKeyParts.Any(part => lowerKey == part || lowerKey.StartsWith(part + "_", StringComparison.Ordinal) || lowerKey.EndsWith("_" + part, StringComparison.Ordinal)))
        {
            findings.Add(new(IdentityKeyParts.First(part => lowerKey.Contains(part, StringComparison.Ordinal)), path));
            return "REDACTED-IDENTIFIER";
        }

        var result = text;
        result = VinRegex().Replace(result, m =>
        {
            if (!LooksLikeVin(m.Value.ToUpperInvariant()))
            {
                return m.Value;
            }

            findings.Add(new("vin", path));
            return "REDACTED-VIN";
        });
        result = Replace(result, PlateRegex(), "plate", "REDACTED-PLATE", path, findings);
        result = SubscriberRegex().Replace(result, m =>
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 14 or > 16)
            {
                return m.Value;
            }

            var kind = ClassifySubscriberNumber(digits);
            findings.Add(new(kind, path));
            return "REDACTED-" + kind.ToUpperInvariant();
        });
        result = Replace(result, EmailRegex(), "email", "REDACTED-EMAIL", path, findings);
        result = Replace(result, HonorificRegex(), "person", "REDACTED-PERSON", path, findings);
        result = Replace(result, NamePhraseRegex(), "person", "REDACTED-PERSON", path, findings);
        result = Replace(result, DmsRegex(), "position", "REDACTED-POSITION", path, findings);
        result = CoordinatePairRegex().Replace(result, m =>
        {
            var lat = double.Parse(m.Groups["lat"].Value, CultureInfo.InvariantCulture);
            var lon = double.Parse(m.Groups["lon"].Value, CultureInfo.InvariantCulture);
            var precise = m.Groups["latf"].Value.Length > decimals || m.Groups["lonf"].Value.Length > decimals;
            if (Math.Abs(lat) > 90 || Math.Abs(lon) > 180 || !precise)
            {
                return m.Value;
            }

            findings.Add(new("position", path));
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(lat, decimals, MidpointRounding.AwayFromZero)}{m.Groups["sep"].Value}{Math.Round(lon, decimals, MidpointRounding.AwayFromZero)}");
        });
        if (IsCoordinateKey(lowerKey) && double.TryParse(result, NumberStyles.Float, CultureInfo.InvariantCulture, out var single) &&
            result.Contains('.', StringComparison.Ordinal) && result.Length - result.IndexOf('.', StringComparison.Ordinal) - 1 > decimals)
        {
            findings.Add(new("position", path));
            result = Math.Round(single, decimals, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static string Replace(string text, Regex regex, string kind, string replacement, string path, List<DesensitisationFinding> findings) =>
        regex.Replace(text, _ =>
        {
            findings.Add(new(kind, path));
            return replacement;
        });

    private static bool IsStructural(string key) =>
        StructuralKeys.Contains(key) || key.EndsWith("_ref", StringComparison.Ordinal) || key.EndsWith("_refs", StringComparison.Ordinal);

    private static bool IsCoordinateKey(string lowerKey) =>
        lowerKey is "latitude" or "longitude" or "lat" or "lon" or "lng" or "long" ||
        lowerKey.EndsWith("_latitude", StringComparison.Ordinal) || lowerKey.EndsWith("_longitude", StringComparison.Ordinal) ||
        lowerKey.EndsWith("_lat", StringComparison.Ordinal) || lowerKey.EndsWith("_lon", StringComparison.Ordinal);

    private static string ClassifySubscriberNumber(string digits) =>
        (digits.Length == 15 && LuhnValid(digits)) || digits.Length == 16 ? "imei" : "imsi";

    /// <summary>
    /// A VIN: 17 characters of the ISO 3779 alphabet (no I, O, Q) with a valid check digit in
    /// position 9 (49 CFR 565.15), or, for VINs without one, letters and digits with the four last
    /// characters numeric (ISO 3779 §5.3, vehicle indicator section of a large manufacturer).
    /// </summary>
    public static bool LooksLikeVin(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Length != 17 || !candidate.All(c => char.IsAsciiDigit(c) || (char.IsAsciiLetterUpper(c) && c is not ('I' or 'O' or 'Q'))))
        {
            return false;
        }

        if (VinCheckDigitValid(candidate))
        {
            return true;
        }

        return candidate.Any(char.IsAsciiLetter) && candidate.Take(11).Any(char.IsAsciiDigit) && candidate[13..].All(char.IsAsciiDigit);
    }

    /// <summary>The check digit of 49 CFR 565.15 (transliteration table and weights), 'X' for ten.</summary>
    public static bool VinCheckDigitValid(string vin)
    {
        ArgumentNullException.ThrowIfNull(vin);
        if (vin.Length != 17)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Transliterate(vin[i]);
            if (value < 0)
            {
                return false;
            }

            sum += value * weights[i];
        }

        var check = sum % 11;
        return vin[8] == (check == 10 ? 'X' : (char)('0' + check));
    }

    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => -1,
    };

    /// <summary>Luhn (ISO/IEC 7812-1 Annex B), the IMEI check digit of 3GPP TS 23.003 §6.2.1.</summary>
    public static bool LuhnValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])")]
    private static partial Regex VinRegex();

    // UK (AB12 CDE), FR (AB-123-CD), IT (AB 123 CD), DE (M-AB 1234, B AB 123E), ES (1234 BCD), NL (12-ABC-3 …),
    // CN (京A12345), US-style (7ABC123).
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{2}[0-9]{2} ?[A-Z]{3}|[A-Z]{2}-[0-9]{3}-[A-Z]{2}|[A-Z]{2} [0-9]{3} [A-Z]{2}|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?[0-9]{1,4}[EH]?|[0-9]{4} ?[BCDFGHJKLMNPRSTVWXYZ]{3}|[0-9]{1,2}-[A-Z]{2,3}-[0-9]{1,2}|[A-Z]{1,3}-[0-9]{2,3}-[A-Z]{1,2}|[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}|[0-9][A-Z]{3}[0-9]{3})(?![A-Za-z0-9])")]
    private static partial Regex PlateRegex();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){13,15}(?![0-9A-Za-z])")]
    private static partial Regex SubscriberRegex();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle)\.?\s+[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)?")]
    private static partial Regex HonorificRegex();

    [GeneratedRegex(@"(?i:\b(?:owner|driver|customer|name|keeper)\s*[:=]\s*)[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)*")]
    private static partial Regex NamePhraseRegex();

    [GeneratedRegex(@"\d{1,3}\s?°\s?\d{1,2}\s?['′]\s?\d{1,2}(?:\.\d+)?\s?(?:""|″)?\s?[NSEW]")]
    private static partial Regex DmsRegex();

    [GeneratedRegex(@"(?<![0-9.])(?<lat>-?\d{1,2}\.(?<latf>\d+))(?<sep>\s*[,;/ ]\s*)(?<lon>-?\d{1,3}\.(?<lonf>\d+))(?![0-9.])")]
    private static partial Regex CoordinatePairRegex();
}
