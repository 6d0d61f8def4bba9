using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// The last gate before a summary leaves the OBU (ITU-T X.1382 §7.3, §9.3.2.3 f; §6.2 c lists what is
/// sensitive): every value of every STIX object is checked, and a summary with any finding is not
/// sent (fail closed). Structural values must have their exact shape (identifiers, SHA-256 hashes,
/// timestamps on the time-bucket grid, the pseudonym, a location on the grid); every other text is
/// searched for VINs, number plates, IMEI/IMSI and phone numbers, e-mail addresses, personal names,
/// precise coordinates and the vehicle's own identifiers. Detection is by shape: it is stricter than
/// the hub's, and it is a second line behind the builder, which only ever copies values of known shape.
/// </summary>
public sealed partial class LeakCheck
{
    private static readonly HashSet<string> TimestampKeys = new(StringComparer.Ordinal) { "created", "modified", "first_observed", "last_observed" };

    private static readonly string[] SensitiveKeyParts =
        ["vin", "plate", "licen", "registration", "imei", "imsi", "msisdn", "iccid", "phone", "owner", "driver", "person", "email", "address_line", "first_name", "last_name", "full_name", "customer"];

    private readonly LocationGrid? _grid;
    private readonly TimeSpan _bucket;
    private readonly string[] _identifiers;
    private readonly HashSet<string> _configured;

    /// <summary>
    /// A check for summaries with locations on <paramref name="grid"/> (null: no location may be sent)
    /// and timestamps on the <paramref name="timeBucket"/> grid. <paramref name="vehicleIdentifiers"/>
    /// (VIN, plate, IMEI, … of this vehicle, when the host knows them) must never appear, in any case.
    /// <paramref name="configuredValues"/> (make, model, supplier, ECU) are exempt from the name and
    /// plate shapes only, which a model name may legitimately have.
    /// </summary>
    public LeakCheck(LocationGrid? grid, TimeSpan timeBucket, IEnumerable<string> vehicleIdentifiers, IEnumerable<string> configuredValues)
    {
        ArgumentNullException.ThrowIfNull(vehicleIdentifiers);
        ArgumentNullException.ThrowIfNull(configuredValues);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeBucket, TimeSpan.FromMinutes(1));
        _grid = grid;
        _bucket = timeBucket;
        _identifiers = vehicleIdentifiers.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
        if (_identifiers.Any(v => v.Length < 5))
        {
            throw new ArgumentException("A vehicle identifier to guard is at least 5 characters.", nameof(vehicleIdentifiers));
        }

        _configured = new HashSet<string>(configuredValues.Where(v => v is not null), StringComparer.Ordinal);
    }

    /// <summary>Every finding in the objects of one summary (empty: it may leave the OBU).</summary>
    public IReadOnlyList<LeakFinding> Scan(IReadOnlyList<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var findings = new List<LeakFinding>();
        for (var i = 0; i < objects.Count; i++)
        {
            WalkObject(objects[i], $"$[{i}]", findings);
        }

        return findings;
    }

    /// <summary>The kinds found in one free text value (the builder withholds such values before building).</summary>
    public IReadOnlyList<string> KindsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<LeakFinding>();
        CheckText(text, "$", findings, exemptShapes: false);
        return findings.Select(f => f.Kind).Distinct().ToList();
    }

    private void WalkObject(JsonObject obj, string path, List<LeakFinding> findings)
    {
        foreach (var (key, value) in obj)
        {
            var p = path + "." + key;
            if (SensitiveKeyParts.Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add(new("field", p));
            }

            switch (key)
            {
                case "id":
                case var k when k.EndsWith("_ref", StringComparison.Ordinal):
                    if (StixObject.GetString(obj, key) is not { } id || !StixId.TryParse(id, out _))
                    {
                        findings.Add(new("structure", p));
                    }

                    continue;
                case var k when k.EndsWith("_refs", StringComparison.Ordinal):
                    if (value is not JsonArray refs || refs.Any(r => r is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !StixId.TryParse(v.GetValue<string>(), out _)))
                    {
                        findings.Add(new("structure", p));
                    }

                    continue;
                case "type" or "spec_version" or "extension_type":
                    if (StixObject.GetString(obj, key) is not { } word || !WordRegex().IsMatch(word))
                    {
                        findings.Add(new("structure", p));
                    }

                    continue;
                case var k when TimestampKeys.Contains(k):
                    if (!StixTimestamp.TryParse(StixObject.GetString(obj, key), out var t) || (t - DateTimeOffset.UnixEpoch).Ticks % _bucket.Ticks != 0)
                    {
                        findings.Add(new("time", p));
                    }

                    continue;
                case "hashes":
                    if (value is not JsonObject hashes || hashes.Any(h => h.Key != "SHA-256" || h.Value is not JsonValue hv ||
                            hv.GetValueKind() != JsonValueKind.String || !Sha256Regex().IsMatch(hv.GetValue<string>())))
                    {
                        findings.Add(new("structure", p));
                    }

                    continue;
                case "signature":
                    if (StixObject.GetString(obj, key) is not { } sig || !Sha256Regex().IsMatch(sig))
                    {
                        findings.Add(new("structure", p));
                    }

                    continue;
                case "vehicle":
                    if (StixObject.GetString(obj, key) is not { } pseudonym || !PseudonymRegex().IsMatch(pseudonym))
                    {
                        findings.Add(new("identifier", p));
                    }

                    continue;
                case "location":
                    CheckLocation(value, p, findings);
                    continue;
            }

            Walk(value, p, findings);
        }
    }

    private void Walk(JsonNode? node, string path, List<LeakFinding> findings)
    {
        switch (node)
        {
            case JsonObject o:
                WalkObject(o, path, findings);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", findings);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                CheckText(text, path, findings, exemptShapes: _configured.Contains(text));
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                CheckNumber(v, path, findings);
                break;
        }
    }

    private void CheckLocation(JsonNode? node, string path, List<LeakFinding> findings)
    {
        if (_grid is null || node is not JsonObject loc || loc.Count != 2 ||
            !JsonNumbers.TryGetDouble(loc["latitude"], out var lat) || !JsonNumbers.TryGetDouble(loc["longitude"], out var lon) ||
            !_grid.IsCorner(lat) || !_grid.IsCorner(lon) || AnomalyExtension.Decimals(lat) > _grid.Decimals || AnomalyExtension.Decimals(lon) > _grid.Decimals)
        {
            findings.Add(new("position", path));
        }
    }

    private static void CheckNumber(JsonValue value, string path, List<LeakFinding> findings)
    {
        if (JsonNumbers.TryGetInt64(value, out var n))
        {
            if (Math.Abs(n) >= 10_000_000_000_000)
            {
                findings.Add(new("imei-imsi", path));
            }
        }
        else if (JsonNumbers.TryGetDouble(value, out var d) && AnomalyExtension.Decimals(d) > 3)
        {
            findings.Add(new("position", path));
        }
    }

    private void CheckText(string text, string path, List<LeakFinding> findings, bool exemptShapes)
    {
        void Found(string kind)
        {
            if (!findings.Any(f => f.Kind == kind && f.Path == path))
            {
                findings.Add(new(kind, path));
            }
        }

        foreach (var id in _identifiers)
        {
            if (text.Contains(id, StringComparison.OrdinalIgnoreCase))
            {
                Found("identifier");
            }
        }

        foreach (var token in VinCandidateRegex().EnumerateMatches(text))
        {
            var candidate = text.AsSpan(token.Index, token.Length);
            if (candidate.ContainsAnyInRange('0', '9') && (candidate.ContainsAnyInRange('A', 'Z') || candidate.ContainsAnyInRange('a', 'z')))
            {
                Found("vin");
            }
        }

        if (SubscriberRegex().IsMatch(text))
        {
            Found("imei-imsi");
        }

        if (PhoneRegex().IsMatch(text))
        {
            Found("phone");
        }

        if (EmailRegex().IsMatch(text))
        {
            Found("email");
        }

        if (PreciseDecimalRegex().IsMatch(text) || DmsRegex().IsMatch(text))
        {
            Found("position");
        }

        if (NamePhraseRegex().IsMatch(text))
        {
            Found("person");
        }

        if (exemptShapes)
        {
            return;
        }

        if (HonorificRegex().IsMatch(text) || FullNameRegex().IsMatch(text))
        {
            Found("person");
        }

        if (PlateRegex().IsMatch(text))
        {
            Found("plate");
        }
    }

    /// <summary>A number of the form used in evidence (integers, or two decimals below 100).</summary>
    internal static string FormatNumber(double value) =>
        Math.Abs(value) >= 100 || value == Math.Round(value)
            ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);
}
