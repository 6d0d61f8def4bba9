using System.Text.Json.Nodes;
using Testing;

namespace Bench.Tests.Scenarios;

/// <summary>The shipped scenario files and variations of them for the tests' rows (written to a temporary folder).</summary>
internal static class ScenarioFiles
{
    public static readonly string Folder = Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios");

    public static readonly string DemoFile = Path.Combine(Folder, "demo.json");

    public static readonly string Motorway = Path.Combine(Folder, "Sumo", "motorway", "motorway.sumocfg");

    public static readonly string Urban = Path.Combine(Folder, "Sumo", "urban", "urban.sumocfg");

    /// <summary>demo.json with <paramref name="change"/> applied, as text.</summary>
    public static string DemoWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(DemoFile))!.AsObject();
        change(root);
        return root.ToJsonString();
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
        var folder = Directory.CreateTempSubdirectory("v2x-scenario-test-").FullName;
        var path = Path.Combine(folder, "scenario.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static JsonArray AttackList(JsonObject root) => root["attacks"]!.AsArray();

    public static JsonArray Vehicles(JsonObject root) => root["vehicles"]!.AsArray();
}
