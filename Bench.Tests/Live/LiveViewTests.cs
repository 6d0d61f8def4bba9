using System.Globalization;
using Bench.Demo;
using Bench.Live;
using Microsoft.Playwright;
using Testing;

namespace Bench.Tests.Live;

/// <summary>
/// The live view of a short demo (10 s, 2 s integrity scans, the hub) in headless Chromium (Debian package chromium,
/// /usr/bin/chromium) driven by Playwright for .NET, whose bundled driver runs offline (no browser download): the page
/// loads with no console error or warning and no failed request, one marker per OBU appears, and the tamper turns the
/// tampered vehicle's colour at every receiver within one detection period, timed by the bench clock the page shows.
/// </summary>
public sealed class LiveViewTests
{
    private const int Obus = 4;

    private const string TamperedColourChanged = """
        ([name, at, receivers]) => {
          const g = document.querySelector(`#plot g.vehicle[data-name="${name}"]`);
          if (!g) return false;
          const dots = [...g.querySelectorAll("circle.dot")];
          return g.dataset.trust !== "Act" && dots.length === receivers && dots.every(d => d.dataset.outcome !== "Act" && Number(d.dataset.since) >= at);
        }
        """;

    [Fact]
    public async Task The_page_shows_every_OBU_and_the_tamper_turns_its_colour_at_the_receivers_within_the_detection_period()
    {
        var folder = TestInfra.NewTempDirectory("bench-live");
        var options = new DemoOptions
        {
            Duration = TimeSpan.FromSeconds(10),
            ScanPeriod = TimeSpan.FromSeconds(2),
            ObuCount = Obus,
            OutputDirectory = Path.Combine(folder, "out"),
            Seed = 5,
        };
        var feed = new LiveFeed(options.Clock);
        options = options with { Live = feed };
        await using var server = await LiveServer.StartAsync(feed, 0);
        await using var live = await LivePage.OpenAsync(server, feed);
        var (page, problems) = (live.Page, live.Problems);
        using var output = new StringWriter();
        var run = new BenchDemo(options, output).RunAsync();
        var guard = new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 100 };

        // One marker per OBU, placed where the receivers' frames put it (and the legacy station's).
        await page.WaitForFunctionAsync("n => document.querySelectorAll('#plot g.vehicle[data-kind=Obu][data-placed=true]').length === n", Obus, guard);
        Assert.Equal(Obus, await page.Locator("#plot g.vehicle[data-kind=Obu]").CountAsync());
        Assert.Equal(1, await page.Locator("#plot g.vehicle[data-kind=Legacy]").CountAsync());

        // The tamper, as the bench announced it, and the tampered vehicle's colour at every other OBU.
        var tamper = await page.WaitForSelectorAsync("#attacks li[data-kind=tamper]", new() { Timeout = 90_000 });
        var target = (await tamper!.GetAttributeAsync("data-target"))!;
        var at = Number(await tamper.GetAttributeAsync("data-at"));
        await page.WaitForFunctionAsync(TamperedColourChanged, new object[] { target, at, Obus - 1 }, guard);
        var detectionMs = Number(await page.GetAttributeAsync("body", "data-detection-ms"));
        var dots = page.Locator($"#plot g.vehicle[data-name=\"{target}\"] circle.dot");
        var delays = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < await dots.CountAsync(); i++)
        {
            delays[(await dots.Nth(i).GetAttributeAsync("data-receiver"))!] = Number(await dots.Nth(i).GetAttributeAsync("data-since")) - at;
        }

        Assert.Equal(3000, detectionMs);
        Assert.All(delays, d => Assert.InRange(d.Value, 0, detectionMs));

        // The tampered OBU's own partition latched the rogue process.
        var integrity = page.Locator($"#integrity tr[data-obu=\"{target}\"]");
        Assert.NotEqual("NoAnomaly", await integrity.GetAttributeAsync("data-level"));
        Assert.Contains("Process", await integrity.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#decisions tbody tr").CountAsync() > 0);

        var summary = await run;
        await page.WaitForSelectorAsync("body[data-state=ended]", new() { Timeout = 30_000 });

        // The page as the run left it (V2X_LIVE_SCREENSHOT=FILE keeps a copy: Docs/images/live-view.png).
        var shot = Path.Combine(folder, "live-view.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = false });
        Assert.True(new FileInfo(shot).Length > 20_000, "the screenshot is nearly empty");
        if (Environment.GetEnvironmentVariable("V2X_LIVE_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(shot, keep, overwrite: true);
        }

        Assert.True(summary.Passed, string.Join("; ", summary.Expectations.Where(e => !e.Passed).Select(e => $"{e.Name}: {e.Detail}")));
        Assert.Equal(target, summary.Run.TamperedObu);

        // The page's times are the bench's: each receiver's change is the summary's detection delay.
        Assert.All(summary.Detection, d => Assert.InRange(Math.Abs(delays[d.Receiver] - d.DelayMs!.Value), 0, 1));
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
        Assert.Equal(0, feed.DroppedClients);
        Directory.Delete(folder, recursive: true);
    }

    private static double Number(string? text) => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
