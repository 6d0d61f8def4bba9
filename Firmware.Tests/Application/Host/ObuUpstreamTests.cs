using System.Globalization;
using Firmware.Host;
using Firmware.Tests.Application.Support;
using Firmware.Tests.Upstream.Support;
using Hardware.Simulated;

namespace Firmware.Tests.Application.Host;

/// <summary>
/// The `obu` host with Upstream:* settings runs the upstream forwarder beside the node: a board whose application
/// image was modified on flash boots compromised, and its anomaly summary reaches the real hub (Community/ on
/// Kestrel, SQLite) as STIX through the store-and-forward queue (ITU-T X.1382 §9.3.2). Bad upstream settings are
/// usage errors.
/// </summary>
public sealed class ObuUpstreamTests : IDisposable
{
    private static readonly TestAuthority Authority = new("upstream-cli.test");

    private readonly string _dir = Testing.TestInfra.NewTempDirectory("obu-upstream");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_tampered_obu_sends_its_anomaly_summary_to_the_hub()
    {
        var (flash, root) = await FlashAsync();
        using (var board = SimulatedBoard.Open(flash, new SimulatedBoardOptions { Time = TimeProvider.System }))
        {
            board.OverwriteImageBytes("app", 200_000, [0xEE]);
        }

        await using var hub = await UpstreamHub.StartAsync(HubBackend.Sqlite, TimeProvider.System);
        var gate = new PostGate(1);
        hub.Gate = gate;
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var queue = Path.Combine(_dir, "upstream.db");
        var run = Task.Run(() => FirmwareCli.RunAsync(["obu", "--flash", flash, "--root", root, "--name", "obu-up",
            "--radio-port", (47900 + (Environment.ProcessId % 90)).ToString(CultureInfo.InvariantCulture),
            "--upstream", hub.ApiRoot.ToString(), "--upstream-queue", queue,
            "--Upstream:Username", UpstreamHub.ObuUser, "--Upstream:Password", UpstreamHub.ObuPassword,
            "--Upstream:Collection", hub.AnomaliesCollection, "--Vehicle:Make", "Bench", "--Vehicle:Model", "OBU-1"], output, output, stop.Token));

        // The hub committed the first POST of objects: that is the forwarder's first delivery (a bound, not a sleep).
        Task first;
        try
        {
            first = await Task.WhenAny(gate.Committed, run).WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync();
            Assert.Fail("no delivery within 2 minutes; the obu's output: " + output);
            throw;
        }

        Assert.True(first == gate.Committed, "the obu stopped before delivering: " + output);
        gate.Release();
        await stop.CancelAsync();
        Assert.True(await run == 0, output.ToString());

        var observed = await hub.ReadAllAsync(hub.AnomaliesCollection, "observed-data");
        Assert.NotEmpty(observed);
        var text = string.Join('\n', observed.Select(o => o.ToJsonString()));
        Assert.Contains("Bench", text, StringComparison.Ordinal);
        Assert.Contains("boot", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(queue));
    }

    public static TheoryData<string, string[]> BadRows => new()
    {
        { "not a URL", ["--upstream", "hub"] },
        { "ftp URL", ["--upstream", "ftp://127.0.0.1/hub/"] },
        { "no queue", ["--upstream", "http://127.0.0.1:9/hub/", "--Upstream:Collection", "c", "--Vehicle:Make", "m", "--Vehicle:Model", "n"] },
        { "no collection", ["--upstream", "http://127.0.0.1:9/hub/", "--upstream-queue", "{dir}/q.db", "--Vehicle:Make", "m", "--Vehicle:Model", "n"] },
        { "no make", ["--upstream", "http://127.0.0.1:9/hub/", "--upstream-queue", "{dir}/q.db", "--Upstream:Collection", "c", "--Vehicle:Model", "n"] },
        { "interval 0", ["--upstream", "http://127.0.0.1:9/hub/", "--upstream-queue", "{dir}/q.db", "--Upstream:Collection", "c", "--Vehicle:Make", "m",
            "--Vehicle:Model", "n", "--Upstream:IntervalSeconds", "0"] },
        { "untrusted producer not an identity", ["--upstream", "http://127.0.0.1:9/hub/", "--upstream-queue", "{dir}/q.db", "--Upstream:Collection", "c",
            "--Vehicle:Make", "m", "--Vehicle:Model", "n", "--Upstream:TrustedProducers", "indicator--0e0b5d0e-8c25-4c8c-9f46-2e8f3c4a0b7e"] },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Bad_upstream_settings_are_usage_errors(string name, string[] upstream)
    {
        var (flash, root) = await FlashAsync();
        string[] args = ["obu", "--flash", flash, "--root", root, .. upstream.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal))];
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var code = await FirmwareCli.RunAsync(args, output, output, CancellationToken.None);

        Assert.True(code == 2, $"{name}: exit {code}: {output}");
        Assert.Matches("Upstream|Vehicle", output.ToString());
    }

    // A queue path that cannot be used is bad input from outside (a file), not a usage error: exit 1 with
    // the queue's message, never an unhandled UpstreamQueueException.
    public static TheoryData<string, string, string?> BadQueueRows => new()
    {
        { "queue file is not a database", "{dir}/not-a-db.db", "this is not an SQLite database, just text that is long enough to have a header" },
        { "queue directory is missing", "{dir}/missing/q.db", null },
    };

    [Theory]
    [MemberData(nameof(BadQueueRows))]
    public async Task A_queue_that_cannot_be_opened_exits_1_with_its_error(string name, string queue, string? content)
    {
        var (flash, root) = await FlashAsync();
        var path = queue.Replace("{dir}", _dir, StringComparison.Ordinal);
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content);
        }

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = await FirmwareCli.RunAsync(["obu", "--flash", flash, "--root", root, "--name", "obu-badq",
            "--radio-port", (47800 + (Environment.ProcessId % 90)).ToString(CultureInfo.InvariantCulture),
            "--upstream", "http://127.0.0.1:9/hub/", "--upstream-queue", path, "--Upstream:Collection", "c",
            "--Vehicle:Make", "m", "--Vehicle:Model", "n", "--Run:Seconds", "1"], output, output, CancellationToken.None);

        Assert.True(code == 1, $"{name}: exit {code}: {output}");
        Assert.Contains("obu: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(path, output.ToString(), StringComparison.Ordinal);
        if (content is not null)
        {
            Assert.Equal(content, await File.ReadAllTextAsync(path));
        }
        else
        {
            Assert.False(File.Exists(path), name);
        }
    }

    private async Task<(string Flash, string Root)> FlashAsync()
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        var root = Path.Combine(_dir, "root.cert");
        if (!File.Exists(flash))
        {
            using var sink = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(0, await FirmwareCli.RunAsync(["oem", "init", "--dir", oem], sink, sink, CancellationToken.None));
            Assert.Equal(0, await FirmwareCli.RunAsync(["flash", "--flash", flash, "--oem-dir", oem, "--create"], sink, sink, CancellationToken.None));
            await File.WriteAllBytesAsync(root, Authority.Root.Encoded.ToArray());
        }

        return (flash, root);
    }
}
