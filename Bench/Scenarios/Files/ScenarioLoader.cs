using System.Text;
using System.Text.Json;
using Firmware.Application.Receiving;
using V2x.Integrity;

namespace Bench.Scenarios.Files;

/// <summary>
/// Loads a scenario file (JSON, RFC 8259; the format is Bench/Scenarios/scenario.schema.json and Docs/bench.md,
/// "Scenario files"): reads it with a size and depth limit, reads every field (<see cref="JsonFields"/>), then checks
/// it against what the bench engine runs (<see cref="ScenarioRules"/>). A file with any problem throws one
/// <see cref="ScenarioFileException"/> listing every problem with its JSON path; a corrupt or hostile file never
/// throws anything else.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The largest scenario file read (a scenario is a few kilobytes; 200 SUMO vehicles fit easily).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The deepest nesting read (the format nests 3 levels).</summary>
    public const int MaxDepth = 16;

    private static readonly string[] TopFields =
        ["$schema", "name", "description", "mobility", "vehicles", "duration", "pacing", "seed", "scanPeriod", "hub", "radio", "receivers", "attacks", "expectations"];

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioFileException">The file cannot be read or has problems (each typed, with its JSON path).</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                throw Fail(full, ScenarioErrorKind.Unreadable, Directory.Exists(full) ? "a folder, not a scenario file" : "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                throw Fail(full, ScenarioErrorKind.Unreadable, $"{info.Length} bytes; a scenario file is at most {MaxFileBytes} bytes");
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw Fail(full, ScenarioErrorKind.Unreadable, $"cannot be read: {e.Message}");
        }

        return Parse(bytes, full);
    }

    /// <summary>Loads a scenario from its bytes; relative paths in it are taken from the folder of <paramref name="source"/>.</summary>
    /// <exception cref="ScenarioFileException">The content has problems.</exception>
    public static Scenario Parse(ReadOnlyMemory<byte> content, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (content.Length > MaxFileBytes)
        {
            throw Fail(source, ScenarioErrorKind.Unreadable, $"{content.Length} bytes; a scenario file is at most {MaxFileBytes} bytes");
        }

        JsonDocument document;
        try
        {
            // Strict UTF-8 first: System.Text.Json would take invalid sequences in strings as replacement characters.
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(content.Span);
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (DecoderFallbackException)
        {
            throw Fail(source, ScenarioErrorKind.NotJson, "not UTF-8 text");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw Fail(source, ScenarioErrorKind.NotJson, $"not JSON{where}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var errors = new List<ScenarioError>();
            var draft = Read(document.RootElement, source, errors);
            if (errors.Count == 0 && draft is not null)
            {
                ScenarioRules.Check(draft, errors);
            }

            if (errors.Count > 0 || draft is null)
            {
                throw new ScenarioFileException(source, errors);
            }

            return draft;
        }
    }

    private static Scenario? Read(JsonElement root, string source, List<ScenarioError> errors)
    {
        var top = JsonFields.Of(root, "$", errors, TopFields);
        if (top is null)
        {
            return null;
        }

        _ = top.Text("$schema", required: false);
        var name = top.Text("name", required: true);
        var description = top.Text("description", required: false, maxLength: 2000);
        var mobility = ReadMobility(top, source, errors);
        var vehicles = ReadVehicles(top, errors);
        var duration = top.Number("duration", required: true, 1, 3600, " s");
        var pacing = top.Number("pacing", required: false, 0.1, 20);
        var seed = top.Integer("seed", required: false, int.MinValue, int.MaxValue);
        var scan = top.Number("scanPeriod", required: false, 0.5, 60, " s");
        var hub = top.Flag("hub");
        var (range, lossFrom, carrier) = ReadRadio(top, errors);
        var verifyOnDemand = ReadReceivers(top, errors);
        var attacks = ScenarioAttacks.Read(top, errors);
        var expectations = ScenarioAttacks.ReadExpectations(top, errors);
        if (errors.Count > 0 || name is null || mobility is null || vehicles is null || duration is null || attacks is null || expectations is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new ScenarioError("$", ScenarioErrorKind.MissingField, "the scenario is incomplete"));
            }

            return null;
        }

        return new Scenario
        {
            Source = source,
            Name = name,
            Description = description ?? "",
            Mobility = mobility,
            Vehicles = vehicles,
            Duration = TimeSpan.FromSeconds(duration.Value),
            Pacing = pacing ?? 1,
            Seed = seed ?? 1,
            ScanPeriod = TimeSpan.FromSeconds(scan ?? 5),
            Hub = hub ?? true,
            RangeMeters = range,
            LossFromMeters = lossFrom,
            Carrier = carrier,
            VerifyOnDemand = verifyOnDemand,
            Attacks = attacks,
            Expectations = expectations,
        };
    }

    private static ScenarioMobility? ReadMobility(JsonFields top, string source, List<ScenarioError> errors)
    {
        if (top.Element("mobility", required: true) is not { } element || JsonFields.Of(element, top.At("mobility"), errors, "kind", "configuration", "maxObus") is not { } m)
        {
            return null;
        }

        switch (m.Choice("kind", required: true, ["route", "sumo"], what: "mobility"))
        {
            case "route":
                foreach (var sumoOnly in new[] { "configuration", "maxObus" }.Where(m.Has))
                {
                    m.Error(sumoOnly, ScenarioErrorKind.NotSupported, "goes with \"kind\": \"sumo\"; the built-in route has 4 to 12 OBUs named in \"vehicles\"");
                }

                return new ScenarioMobility(MobilityKind.Route);
            case "sumo":
                var configuration = m.Text("configuration", required: true);
                var max = m.Integer("maxObus", required: false, 1, 200) ?? 12;
                return configuration is null ? null
                    : new ScenarioMobility(MobilityKind.Sumo, System.IO.Path.GetFullPath(configuration, System.IO.Path.GetDirectoryName(source) ?? "."), max);
            default:
                return null;
        }
    }

    private static List<ScenarioVehicle>? ReadVehicles(JsonFields top, List<ScenarioError> errors)
    {
        if (top.Array("vehicles", required: true, max: 1000) is not { } items)
        {
            return null;
        }

        var vehicles = new List<ScenarioVehicle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (JsonFields.Of(items[i], $"{top.At("vehicles")}[{i}]", errors, "id", "equipment", "idf") is not { } v)
            {
                continue;
            }

            var id = v.Text("id", required: true);
            var equipment = v.Choice("equipment", required: true, ["idf", "legacy", "attacker"], ScenarioErrorKind.UnknownEquipment, "equipment");
            var model = v.Text("idf", required: false, maxLength: 100);
            if (model is not null && equipment is not null && equipment != "idf")
            {
                v.Error("idf", ScenarioErrorKind.NotSupported, $"an IDF model goes with \"equipment\": \"idf\"; a{(equipment == "legacy" ? " legacy station" : "n attacker")} runs none");
                model = null;
            }
            else if (model is not null && IdfModels.Parse(model) is null)
            {
                v.Error("idf", ScenarioErrorKind.OutOfRange, $"an IDF model is \"product version\" (letters, digits and '-', then a version such as 0.9), not '{JsonFields.Printable(model)}'");
                model = null;
            }

            if (id is not null && !seen.Add(id))
            {
                v.Error("id", ScenarioErrorKind.DuplicateId, $"the vehicle '{JsonFields.Printable(id)}' is listed twice");
            }
            else if (id is not null && equipment is not null)
            {
                vehicles.Add(new ScenarioVehicle(id, equipment switch { "idf" => Equipment.Idf, "legacy" => Equipment.Legacy, _ => Equipment.Attacker }, model));
            }
        }

        return vehicles;
    }

    private static (double? Range, double? LossFrom, ReportCarrier Carrier) ReadRadio(JsonFields top, List<ScenarioError> errors)
    {
        if (top.Element("radio", required: false) is not { } element || JsonFields.Of(element, top.At("radio"), errors, "range", "lossFrom", "carrier") is not { } r)
        {
            return (null, null, ReportCarrier.Facilities);
        }

        var range = r.Number("range", required: false, 1, 100_000, " m");
        var lossFrom = r.Number("lossFrom", required: false, 0, 100_000, " m");
        if (lossFrom is not null && range is null && !r.Has("range"))
        {
            r.Error("lossFrom", ScenarioErrorKind.MissingField, "loss by distance needs a \"range\"");
        }
        else if (lossFrom > range)
        {
            r.Error("lossFrom", ScenarioErrorKind.OutOfRange, "loss begins within the range");
        }

        var carrier = r.Choice("carrier", required: false, ["facilities", "headerinfo"], what: "report carrier") == "headerinfo" ? ReportCarrier.HeaderInfo : ReportCarrier.Facilities;
        return (range, lossFrom, carrier);
    }

    private static VerifyOnDemandMode ReadReceivers(JsonFields top, List<ScenarioError> errors)
    {
        if (top.Element("receivers", required: false) is not { } element || JsonFields.Of(element, top.At("receivers"), errors, "verifyOnDemand") is not { } r)
        {
            return VerifyOnDemandMode.Off;
        }

        return r.Choice("verifyOnDemand", required: false, ["off", "under-load", "always"], what: "verify-on-demand mode") switch
        {
            "under-load" => VerifyOnDemandMode.UnderLoad,
            "always" => VerifyOnDemandMode.Always,
            _ => VerifyOnDemandMode.Off,
        };
    }

    private static ScenarioFileException Fail(string file, ScenarioErrorKind kind, string message) => new(file, [new ScenarioError("$", kind, message)]);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
