using System.Text.Json;
using Bench.Report;
using Testing;

namespace Bench.Tests.Demo;

/// <summary>
/// The drive report of the short demo's recording (`--record`): a self-contained HTML page with four plots and a
/// GeoJSON export; the page opens in headless Chromium (Debian package chromium) with no console message, which the
/// control row shows Chromium would report.
/// </summary>
public sealed partial class ShortDemoTests
{
    [Fact]
    public async Task The_recording_becomes_a_self_contained_report_and_geojson()
    {
        var (html, geojson) = await ReportAsync();
        var page = await File.ReadAllTextAsync(html);

        Assert.Equal(4, page.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Decisions by sender", page, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(geojson));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        Assert.Contains(features, f => Decision(f) == "Act");
        Assert.Contains(features, f => Decision(f) == "PrepareOnly");
    }

    private static string? Decision(JsonElement feature) =>
        feature.GetProperty("properties").TryGetProperty("decision", out var d) ? d.GetString() : null;

    public static TheoryData<string, string, bool> ChromiumRows => new()
    {
        { "the drive report", "report", false },
        { "control: a page that logs a console error", "control", true },
    };

    [Theory]
    [MemberData(nameof(ChromiumRows))]
    public async Task Headless_chromium_opens_the_report_without_console_errors(string row, string page, bool expectConsole)
    {
        var (html, _) = await ReportAsync();
        var dir = TestInfra.NewTempDirectory("fk-chromium");
        var target = html;
        if (page == "control")
        {
            target = Path.Combine(dir, "control.html");
            await File.WriteAllTextAsync(target, "<!DOCTYPE html><html><body><script>console.error('control error')</script></body></html>");
        }

        var screenshot = Path.Combine(dir, "shot.png");
        var (code, _, error) = Chromium(target, screenshot, Path.Combine(dir, "profile"));

        var console = error.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();
        Assert.True(code == 0, $"{row}: chromium exited {code}: {error}");
        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, $"{row}: no screenshot");
        Assert.True(expectConsole == console.Count > 0, $"{row}: console lines: {string.Join(" | ", console)}");
        Directory.Delete(dir, recursive: true);
    }

    private async Task<(string Html, string GeoJson)> ReportAsync()
    {
        // An OBU that was not tampered: it decides the tampered one's messages (act, then prepare only).
        var node = Enumerable.Range(1, 4).Select(i => $"obu-{i}").First(n => n != Summary.Run.TamperedObu);
        var recording = Path.Combine(_run.Folder, node, "recording");
        var html = Path.Combine(recording, "report.html");
        var geojson = Path.Combine(recording, "drive.geojson");
        using var output = new StringWriter();
        Assert.Equal(0, await Bench.Cli.BenchCli.RunAsync(["report", "--recording", recording, "--out", html, "--geojson", geojson], _ => null, output, output, terminal: false, CancellationToken.None));
        return (html, geojson);
    }

    // The flags of the brief: headless, no sandbox (root), no GPU, no background networking or component updates, a fresh profile.
    private static (int Code, string Output, string Error) Chromium(string page, string screenshot, string profile)
    {
        var chromium = Testing.Netns.HostCommand.Require("chromium", "chromium");
        return Testing.Netns.HostCommand.TryRun(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1000,2600", "--screenshot=" + screenshot,
            new Uri(page).AbsoluteUri,
        ], TimeSpan.FromMinutes(2));
    }
}
