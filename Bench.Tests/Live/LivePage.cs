using System.Collections.Concurrent;
using Bench.Live;
using Microsoft.Playwright;

namespace Bench.Tests.Live;

/// <summary>
/// The live view opened in headless Chromium (the Debian package's /usr/bin/chromium, no browser download) through
/// Playwright for .NET, with every problem the page shows collected: console errors and warnings, page errors, failed
/// requests (but the event stream the page closes itself at the run's end) and HTTP answers of 400 and above.
/// </summary>
internal sealed class LivePage : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] ChromiumFlags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private LivePage(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>What went wrong on the page so far.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Opens the page of <paramref name="server"/>, which serves <paramref name="feed"/>.</summary>
    public static async Task<LivePage> OpenAsync(LiveServer server, LiveFeed feed)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/setup.sh installs the Debian package chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
        var live = new LivePage(playwright, browser, page);
        var problems = live.Problems;
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Enqueue($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Enqueue($"page error: {e}");
        page.RequestFailed += (_, r) =>
        {
            // The page closes its event stream itself when the run's end arrives (so that it does not reconnect).
            if (!(feed.Ended && r.Url.EndsWith("/events", StringComparison.Ordinal) && r.Failure == "net::ERR_ABORTED"))
            {
                problems.Enqueue($"request failed: {r.Url} {r.Failure}");
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                problems.Enqueue($"HTTP {r.Status}: {r.Url}");
            }
        };

        await page.GotoAsync(server.Address.ToString());
        return live;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
