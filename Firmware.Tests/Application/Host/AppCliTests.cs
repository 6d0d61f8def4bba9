using Firmware.Host;
using Firmware.Tests.Application.Support;

namespace Firmware.Tests.Application.Host;

/// <summary>
/// The `obu` and `app` subcommands run in-process through <see cref="FirmwareCli.RunAsync"/>: a whole OBU (both
/// partitions, in-memory channel, UDP multicast on loopback, a pcap capture) starts and stops cleanly; bad
/// settings are usage errors (exit 2) and an unreachable partition is a failure (exit 1).
/// </summary>
public sealed class AppCliTests : IDisposable
{
    private static readonly TestAuthority Authority = new("cli.test");

    private readonly string _dir = Testing.TestInfra.NewTempDirectory("app-cli");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Obu_runs_both_partitions_and_stops_on_cancellation()
    {
        var (flash, root) = await FlashAsync();
        var capture = Path.Combine(_dir, "obu.pcap");
        using var stop = new CancellationTokenSource();

        // The host flushes its output once the node runs: that is the signal to stop it (no sleeping).
        await using var output = new StopOnFlush(stop);
        var code = await FirmwareCli.RunAsync(["obu", "--flash", flash, "--root", root, "--capture", capture, "--name", "obu-cli",
            "--radio-port", (47100 + Environment.ProcessId % 800).ToString(System.Globalization.CultureInfo.InvariantCulture)], output, output, stop.Token);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("obu-cli: sent 0, withheld 0, decided", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(capture));
    }

    public static TheoryData<string, string[], int> Rows => new()
    {
        { "app without a socket", ["app"], 2 },
        { "obu without a root", ["obu", "--flash", "{flash}"], 2 },
        { "obu with a root file that does not exist", ["obu", "--flash", "{flash}", "--root", "/nonexistent/root.cert"], 2 },
        { "obu with a sending policy: the option is the OEM's, signed into the detection policy", ["obu", "--flash", "{flash}", "--root", "{root}", "--policy", "3"], 2 },
        { "flash with sending option 4", ["flash", "--flash", "{dir}/other.bin", "--oem-dir", "{dir}/oem", "--create", "--sending-option", "4"], 2 },
        { "obu with a minimum assurance of 8", ["obu", "--flash", "{flash}", "--root", "{root}", "--Decisions:MinimumAssurance", "8"], 2 },
        { "obu with a root that is not a certificate", ["obu", "--flash", "{flash}", "--root", "{flash}.rom"], 1 },
        { "app with no partition at the socket", ["app", "--socket", "{dir}/none.sock", "--root", "{root}"], 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Bad_settings_give_their_exit_code(string name, string[] args, int expected)
    {
        var (flash, root) = await FlashAsync();
        var resolved = args.Select(a => a.Replace("{flash}", flash, StringComparison.Ordinal).Replace("{root}", root, StringComparison.Ordinal)
            .Replace("{dir}", _dir, StringComparison.Ordinal)).ToArray();
        using var output = new StringWriter();

        var code = await FirmwareCli.RunAsync(resolved, output, output, CancellationToken.None);

        Assert.True(expected == code, $"{name}: exit {code}: {output}");
    }

    private async Task<(string Flash, string Root)> FlashAsync()
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        var root = Path.Combine(_dir, "root.cert");
        if (!File.Exists(flash))
        {
            using var sink = new StringWriter();
            Assert.Equal(0, await FirmwareCli.RunAsync(["oem", "init", "--dir", oem], sink, sink, CancellationToken.None));
            Assert.Equal(0, await FirmwareCli.RunAsync(["flash", "--flash", flash, "--oem-dir", oem, "--create"], sink, sink, CancellationToken.None));
            await File.WriteAllBytesAsync(root, Authority.Root.Encoded.ToArray());
        }

        return (flash, root);
    }

    private sealed class StopOnFlush(CancellationTokenSource stop) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            stop.Cancel();
            return Task.CompletedTask;
        }
    }
}
