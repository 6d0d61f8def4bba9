using Bench.Demo;
using Bench.Live;
using Bench.Mobility;
using Microsoft.Playwright;
using Testing;

namespace Bench.Tests.Live;

/// <summary>
/// The live view of a SUMO-driven run (<c>demo --sumo FILE --live PORT</c>) in headless Chromium (Debian package
/// chromium) driven by Playwright, as <see cref="LiveViewTests"/>: a real sumo runs the motorway scenario
/// (Bench/Scenarios/Sumo/motorway) for 80 s of simulation at 4 times real time with up to 3 OBUs at once. The page
/// loads with no console error, the vehicles' OBUs appear as their SUMO vehicles depart (each marker names its SUMO
/// vehicle and is placed where the receivers' frames put it), and they leave the plot as their vehicles arrive
/// (after about 70 s of simulation) while the next departing vehicles' OBUs join.
/// </summary>
public sealed class LiveSumoViewTests
{
    private const int AtOnce = 3;

    [Fact]
    public async Task The_OBUs_of_SUMO_vehicles_appear_as_they_depart_and_leave_as_they_arrive()
    {
        var folder = TestInfra.NewTempDirectory("bench-live-sumo");
        var options = new DemoOptions
        {
            OutputDirectory = Path.Combine(folder, "out"),
            Duration = TimeSpan.FromSeconds(80),
            ScanPeriod = TimeSpan.FromSeconds(5),
            Sumo = new SumoSettings { Configuration = Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios", "Sumo", "motorway", "motorway.sumocfg"), Pacing = 4, MaxObus = AtOnce },
        };
        var feed = new LiveFeed(options.Clock);
        options = options with { Live = feed };
        await using var server = await LiveServer.StartAsync(feed, 0);
        await using var live = await LivePage.OpenAsync(server, feed);
        var (page, problems) = (live.Page, live.Problems);
        using var output = new StringWriter();
        var run = new SumoBench(options, output).RunAsync();
        var guard = new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 100 };

        // The first vehicles' OBUs, each naming its SUMO vehicle, placed where the receivers' frames put them.
        await page.WaitForFunctionAsync("n => document.querySelectorAll('#plot g.vehicle[data-kind=Obu][data-vehicle][data-placed=true]').length === n", AtOnce, guard);
        var first = await VehiclesShown(page);

        // The first vehicles arrive; their markers go, and the next departing vehicles' OBUs join.
        await page.WaitForFunctionAsync("() => Number(document.getElementById('roster').dataset.left) >= 1", null, guard);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('#plot g.vehicle[data-kind=Obu][data-vehicle]').length <= n", AtOnce, guard);
        var summary = await run;
        await page.WaitForSelectorAsync("body[data-state=ended]", new() { Timeout = 30_000 });
        var last = await VehiclesShown(page);
        var leftRows = await page.Locator("#integrity tr[data-left=true]").CountAsync();

        Assert.True(summary.Passed, string.Join("; ", summary.Expectations.Where(e => !e.Passed).Select(e => $"{e.Name}: {e.Detail}")) + "\n" + output);
        var byName = summary.Obus.ToDictionary(o => o.Name, o => o.Vehicle, StringComparer.Ordinal);
        Assert.All(first.Concat(last), v => Assert.Equal(byName[v.Key], v.Value));
        var left = summary.Obus.Where(o => o.LeftAt is not null && o.OnAirAt is not null).Select(o => o.Name).ToList();
        Assert.NotEmpty(left);
        Assert.All(left, name => Assert.DoesNotContain(name, last.Keys));
        Assert.Equal(left.Count, leftRows);
        Assert.Contains(last.Keys, name => !first.ContainsKey(name));
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
        Assert.Equal(0, feed.DroppedClients);
        Directory.Delete(folder, recursive: true);
    }

    // The OBU markers on the plot: name → SUMO vehicle.
    private static async Task<Dictionary<string, string>> VehiclesShown(IPage page)
    {
        var markers = page.Locator("#plot g.vehicle[data-kind=Obu]");
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < await markers.CountAsync(); i++)
        {
            shown[(await markers.Nth(i).GetAttributeAsync("data-name"))!] = (await markers.Nth(i).GetAttributeAsync("data-vehicle"))!;
        }

        return shown;
    }
}
