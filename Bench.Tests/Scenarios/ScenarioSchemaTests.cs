using System.Text.Json;
using Bench.Scenarios.Files;
using Json.Schema;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>
/// The shipped JSON Schema (Bench/Scenarios/scenario.schema.json, JSON Schema 2020-12, evaluated by JsonSchema.Net)
/// agrees with the loader: the shipped scenario files pass both, and the bad files whose problem a schema can see fail both.
/// </summary>
public class ScenarioSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "scenario.schema.json")));

    // The loader's rows a schema can see (the others need the engine's rules, the SUMO route files or duplicate-key detection).
    private static readonly HashSet<string> SchemaRows =
    [
        "an array, not an object", "name missing", "name null", "attacks missing", "a typo: 'atacks'", "a hostile field name", "duration as text",
        "duration of two hours", "seed not whole", "unknown mobility", "unknown carrier", "unknown attack", "an attack not built yet", "time as text",
        "negative time", "attack time missing", "a rate for the rogue process", "tampered firmware with an until", "flood without an end", "unknown equipment", "loss without a range",
        "scan period of 0.1 s", "a reflection without its victim", "a reflection with an attacker", "unknown check", "a check listed twice", "checks neither all nor a list", "SUMO pacing 50", "maxObus on the route",
        "a compromised model without its model", "a target for the compromised model", "a malformed IDF model",
    ];

    public static TheoryData<string> ShippedFiles => [.. Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void A_shipped_scenario_passes_the_schema_and_the_loader(string file)
    {
        var path = Path.Combine(Folder, file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));

        Assert.True(Schema.Evaluate(document.RootElement).IsValid, file);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), ScenarioLoader.Load(path).Name);
    }

    public static TheoryData<string, string> SchemaVisibleBadFiles
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var row in ScenarioLoaderTests.BadFiles.Select(r => ((string)r[0], (string)r[1])).Where(r => SchemaRows.Contains(r.Item1)))
            {
                rows.Add(row.Item1, row.Item2);
            }

            return rows;
        }
    }

    [Fact]
    public void Every_row_named_for_the_schema_is_a_loader_row()
    {
        Assert.Equal(SchemaRows.Count, SchemaVisibleBadFiles.Count());
    }

    [Theory]
    [MemberData(nameof(SchemaVisibleBadFiles))]
    public void A_bad_file_a_schema_can_see_fails_the_schema_too(string row, string content)
    {
        using var document = JsonDocument.Parse(content);

        Assert.False(Schema.Evaluate(document.RootElement).IsValid, row);
        Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(Write(content)));
    }
}
