using System.Text.Json;
using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Scenarios;

/// <summary>
/// One short scenario end to end through <c>Bench scenario FILE</c>: the built-in route for 10 s of real time with 2 s
/// scans, keys in memory, no hub, the rogue process on the file's target; the run's own checks and the file's limits hold.
/// </summary>
public class ScenarioRunTests
{
    [Fact]
    public async Task A_short_scenario_runs_the_demo_with_its_settings_and_checks_its_expectations()
    {
        var file = Write(ShortRouteWith("short", r => r["expectations"] = new JsonObject { ["checks"] = "all", ["detectionWithin"] = 3, ["replaysAccepted"] = 0 }));
        var (code, text, error, folder) = await RunAsync(file);
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario short passed: 11 of 11 expectations held", text, StringComparison.Ordinal);
        Assert.Contains("[pass] detectionWithin: within 3 s at every receiver", text, StringComparison.Ordinal);
        Assert.Contains("[pass] replaysAccepted: 0 replays accepted", text, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var run = summary.RootElement.GetProperty("run");
        Assert.Equal("obu-4", run.GetProperty("tamperedObu").GetString());
        Assert.Equal("obu-2", summary.RootElement.GetProperty("posture").GetProperty("obu").GetString());
        Assert.Equal((4, 2.0), (run.GetProperty("obus").GetInt32(), run.GetProperty("scanPeriodSeconds").GetDouble()));
        Assert.False(summary.RootElement.TryGetProperty("hub", out var hub) && hub.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_SUMO_scenario_equips_only_the_vehicles_it_lists()
    {
        // The urban junction's vehicles 0 to 5 depart every 1.5 s; the file equips 1, 3 and 5 only. 30 s of simulation at
        // pacing 4 (about 8 s of wall clock after start-up).
        var file = Write(SumoWith(r =>
        {
            r["name"] = "urban-odd";
            r["mobility"]!["maxObus"] = 3;
            r["duration"] = 30;
            r["pacing"] = 4;
            r["hub"] = false;
            r.Remove("radio");
            foreach (var id in new[] { "1", "3", "5" })
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf" });
            }

            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("obus-started", "receivers-decide", "rejections-only-unknown-signer") };
        }, Urban));
        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario urban-odd passed: 3 of 3 expectations held", text, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var vehicles = summary.RootElement.GetProperty("obus").EnumerateArray().Select(o => o.GetProperty("vehicle").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["1", "3", "5"], vehicles);
    }
}
