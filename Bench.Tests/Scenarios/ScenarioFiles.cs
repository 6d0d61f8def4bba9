using System.Text.Json.Nodes;
using Bench.Cli;
using Testing;

namespace Bench.Tests.Scenarios;

/// <summary>The shipped scenario files and variations of them for the tests' rows (written to a temporary folder).</summary>
internal static class ScenarioFiles
{
    public static readonly string Folder = Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios");

    // The rows write ~400 files (with their runs' output ~90 MB); all under one folder of this test process, removed
    // when it exits, so runs do not pile up in /tmp.
    private static readonly Lazy<string> RunFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("v2x-scenario-test-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestInfra.DeleteQuietly(folder);
        return folder;
    });

    public static readonly string DemoFile = Path.Combine(Folder, "demo.json");

    public static readonly string Motorway = Path.Combine(Folder, "Sumo", "motorway", "motorway.sumocfg");

    public static readonly string Urban = Path.Combine(Folder, "Sumo", "urban", "urban.sumocfg");

    /// <summary>The compromised IDF model's scenario (8 OBUs: obu-1 to obu-4 IntegrityGuard 0.9, obu-1 to obu-3 exploited; attacks[2] the compromise, [3] the rogue process on obu-5, [4] the posture on obu-6).</summary>
    public static readonly string ModelFile = Path.Combine(Folder, "idf-model-compromise.json");

    /// <summary><see cref="ModelFile"/> with <paramref name="change"/> applied, as text.</summary>
    public static string ModelWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(ModelFile))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    /// <summary>demo.json with <paramref name="change"/> applied, as text.</summary>
    public static string DemoWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(DemoFile))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    /// <summary>
    /// demo.json shortened for a test run: 10 s of the built-in route with 2 s scans and no hub, the demo's four attacks
    /// (the replay attacker from 1 s, the rogue process on obu-4 at 5 s, the ghost from 1 s, obu-2's posture turning
    /// critical at 5 s); then <paramref name="change"/>.
    /// </summary>
    public static string ShortRouteWith(string name, Action<JsonObject> change) => DemoWith(r =>
    {
        r["name"] = name;
        r["duration"] = 10;
        r["scanPeriod"] = 2;
        r["hub"] = false;
        r["attacks"] = new JsonArray(
            new JsonObject { ["kind"] = "replay", ["by"] = "attacker", ["at"] = 1 },
            new JsonObject { ["kind"] = "rogue-process", ["target"] = "obu-4", ["at"] = 5 },
            new JsonObject { ["kind"] = "ghost-vehicle", ["at"] = 1 },
            new JsonObject { ["kind"] = "posture-critical", ["target"] = "obu-2", ["at"] = 5 });
        change(r);
    });

    /// <summary>What <c>Bench scenario FILE</c> returned and printed, and its output folder.</summary>
    public sealed record Run(int Code, string Output, string Error, string Folder);

    /// <summary>Runs <c>Bench scenario <paramref name="file"/> --out DIR --keystore memory</c>, DIR beside the file.</summary>
    public static async Task<Run> RunAsync(string file, Func<string, string?>? environment = null)
    {
        var folder = Path.Combine(Path.GetDirectoryName(file)!, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["scenario", file, "--out", folder, "--keystore", "memory"], environment ?? (_ => null), output, error, terminal: false,
            CancellationToken.None);
        return new Run(code, output.ToString(), error.ToString(), folder);
    }

    /// <summary>A SUMO scenario on the motorway (absolute path) with <paramref name="change"/> applied.</summary>
    public static string SumoWith(Action<JsonObject> change, string? configuration = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "motorway.json")))!.AsObject();
        root["mobility"]!["configuration"] = configuration ?? Motorway;
        change(root);
        return root.ToJsonString();
    }

    /// <summary>Writes <paramref name="content"/> to a new file in a new temporary folder.</summary>
    public static string Write(string content) => Write(System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Writes <paramref name="bytes"/> to a new file in a new temporary folder.</summary>
    public static string Write(byte[] bytes)
    {
        var folder = Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "scenario.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static JsonArray AttackList(JsonObject root) => root["attacks"]!.AsArray();

    public static JsonArray Vehicles(JsonObject root) => root["vehicles"]!.AsArray();

    /// <summary>Names SUMO vehicles n.1 to n.<paramref name="count"/> with the model "IntegrityGuard 0.9" (the others keep the default).</summary>
    public static void SumoModel(JsonObject root, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            Vehicles(root).Add(new JsonObject { ["id"] = $"n.{i}", ["equipment"] = "idf", ["idf"] = "IntegrityGuard 0.9" });
        }
    }
}
