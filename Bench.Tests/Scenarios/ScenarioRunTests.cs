using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Cli;
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
        var file = Write(DemoWith(r =>
        {
            r["name"] = "short";
            r["duration"] = 10;
            r["scanPeriod"] = 2;
            r["hub"] = false;
            r["attacks"] = new JsonArray(
                new JsonObject { ["kind"] = "replay", ["by"] = "attacker", ["at"] = 1 },
                new JsonObject { ["kind"] = "rogue-process", ["target"] = "obu-4", ["at"] = 5 });
            r["expectations"] = new JsonObject { ["checks"] = "all", ["detectionWithin"] = 3, ["replaysAccepted"] = 0 };
        }));
        var folder = Path.Combine(Path.GetDirectoryName(file)!, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BenchCli.RunAsync(["scenario", file, "--out", folder, "--keystore", "memory"], _ => null, output, error, terminal: false, CancellationToken.None);

        var text = output.ToString();
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario short passed: 8 of 8 expectations held", text, StringComparison.Ordinal);
        Assert.Contains("[pass] detectionWithin: within 3 s at every receiver", text, StringComparison.Ordinal);
        Assert.Contains("[pass] replaysAccepted: 0 replays accepted", text, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var run = summary.RootElement.GetProperty("run");
        Assert.Equal("obu-4", run.GetProperty("tamperedObu").GetString());
        Assert.Equal((4, 2.0), (run.GetProperty("obus").GetInt32(), run.GetProperty("scanPeriodSeconds").GetDouble()));
        Assert.False(summary.RootElement.TryGetProperty("hub", out var hub) && hub.ValueKind != JsonValueKind.Null);
    }
}
