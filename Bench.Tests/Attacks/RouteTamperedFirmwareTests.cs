using System.Text.Json;
using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// Tampered firmware on the built-in route, end to end through <c>Bench scenario FILE</c>: the demo for 10 s of real time
/// with 2 s scans, keys in memory, no hub; the demo's tamper at 5 s is obu-4's application image overwritten in flash
/// instead of a rogue process. Its next scan's re-hash latches a compromise and every other OBU must discard its messages
/// within one detection period (3 s) and never decide them otherwise after; every other check of the demo holds too (obu-4,
/// revoked on its own compromise report, sends no tampered-phase EEBL). The check fails if the tamper goes undetected
/// (Bench.Tests/Reporting/SummaryBuilderTests, <c>Tampered_firmware_must_be_discarded_within_one_detection_period</c>).
/// </summary>
[Collection(AttackRunCollection.Name)]
public class RouteTamperedFirmwareTests
{
    [Fact]
    public async Task Tampered_firmware_on_the_route_is_discarded_by_every_receiver_within_the_detection_period()
    {
        var file = Write(ShortRouteWith("firmware", r =>
        {
            AttackList(r)[1]!["kind"] = "tampered-firmware";
            r["expectations"] = new JsonObject
            {
                ["checks"] = "all",
                ["detectionWithin"] = 3,
            };
        }));
        var (code, text, error, folder) = await RunAsync(file);
        Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
        Assert.Contains("scenario firmware passed: 10 of 10 expectations held", text, StringComparison.Ordinal);
        Assert.Contains("[pass] firmware-tamper-detected: tampered phase: obu-4's tampered firmware is detected: its messages move from Act to Discard", text, StringComparison.Ordinal);
        Assert.Contains("tamper (tampered-firmware) on obu-4: its application image is overwritten in flash", text, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var run = summary.RootElement.GetProperty("run");
        Assert.Equal(("obu-4", "tampered-firmware"), (run.GetProperty("tamperedObu").GetString(), run.GetProperty("tamper").GetString()));
        var detection = summary.RootElement.GetProperty("detection").EnumerateArray().ToList();
        Assert.Equal(["obu-1", "obu-2", "obu-3"], detection.Select(d => d.GetProperty("receiver").GetString()));
        Assert.All(detection, d => Assert.Equal(("Discard", "AssuredCompromised", 0), (d.GetProperty("decision").GetString(), d.GetProperty("row").GetString(), d.GetProperty("actAfterMitigation").GetInt32())));
        Assert.All(detection, d => Assert.InRange(d.GetProperty("delayMs").GetDouble(), 0, 3000));

        // The figures reach the report too (report.json carries the summary's detection delays, report.html their table).
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        Assert.Equal(3, report.RootElement.GetProperty("detection").GetArrayLength());
        Assert.Contains("Discard", await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
    }
}
