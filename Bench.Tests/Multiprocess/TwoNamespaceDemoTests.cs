using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pki.Authorities;
using Testing;
using Testing.Netns;

namespace Bench.Tests.Multiprocess;

/// <summary>
/// One demo scenario spread over two bench processes in two network namespaces joined by a veth pair (issue 15 item 3,
/// "Done when: the two-process (two-namespace) scenario passes"): part 1 runs obu-1, obu-2 and the replay attacker, part 2
/// obu-3, obu-4 and the legacy station, each on the UDP multicast radio of its end of the veth, each serving its copy of
/// one PKI. Both summaries must hold every expectation, and each part's receivers must have decided on the other part's
/// stations. Needs root for ip-netns(8); without it the test fails with ip's error.
/// </summary>
[Collection(MultiprocessCollection.Name)]
public sealed class TwoNamespaceDemoTests : IDisposable
{
    // The shortest run that fits the schedule is 9.2 s with 2 s scans (DemoOptions.ShortestDuration); 14 s gives each phase slack.
    private const int Seconds = 14;

    // Both processes: their PKI, hub and boards, the agreement, the run and the summary; bounded on the demo's clock.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);
    private readonly string _dir = Directory.CreateTempSubdirectory("two-part-demo-").FullName;

    [Fact]
    public async Task Two_processes_in_two_namespaces_run_one_scenario_and_decide_on_each_others_stations()
    {
        HostCommand.Require("ip", "iproute2");
        using var veth = VethPair.CreateAcrossNamespaces("in");
        var ends = new[] { (Ns: veth.NamespaceA!, Dev: veth.A, Address: "10.47.15.1"), (Ns: veth.NamespaceB!, Dev: veth.B, Address: "10.47.15.2") };
        foreach (var (ns, dev, address) in ends)
        {
            HostCommand.Run("ip", ["netns", "exec", ns, "ip", "addr", "add", address + "/24", "dev", dev]);
            HostCommand.Run("ip", ["netns", "exec", ns, "ip", "link", "set", dev, "multicast", "on"]);
            HostCommand.Run("ip", ["netns", "exec", ns, "ip", "route", "add", "224.0.0.0/4", "dev", dev]);
        }

        var pki = Path.Combine(_dir, "shared-pki");
        using (BenchPki.Init(pki, new PkiOptions { Name = "bench-demo" }, TimeProvider.System))
        {
            // What 'Pki init DIR' makes; each part copies it.
        }

        var port = FreeUdpPort();
        var parts = ends.Select((end, i) => Start(i + 1, end.Ns, end.Address, port, pki)).ToList();
        try
        {
            using var bound = new CancellationTokenSource(Bound, TimeProvider.System);
            var exits = await Task.WhenAll(parts.Select(p => p.ExitAsync(bound.Token)));
            foreach (var (part, (code, output)) in parts.Zip(exits))
            {
                Assert.True(code == 0, $"part {part.Index} exited {code}:\n{output}");
            }
        }
        finally
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }
        }

        // Part 1 holds obu-1 and obu-2 and the attacker; part 2 obu-3, obu-4 and legacy-1 (DemoPart's split of 4 OBUs).
        var rows = new[]
        {
            (Part: 1, Receivers: new[] { "obu-1", "obu-2" }, Others: new[] { ("obu-3", "Obu"), ("obu-4", "Obu"), ("legacy-1", "Legacy") }),
            (Part: 2, Receivers: new[] { "obu-3", "obu-4" }, Others: new[] { ("obu-1", "Obu"), ("obu-2", "Obu"), ("attacker", "ExactReplay"), ("attacker", "AlteredReplay") }),
        };
        foreach (var (part, receivers, others) in rows)
        {
            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, $"part{part}", "summary.json")));
            var expectations = summary.RootElement.GetProperty("expectations").EnumerateArray().ToList();
            var failed = expectations.Where(e => !e.GetProperty("passed").GetBoolean()).Select(e => $"{e.GetProperty("name")}: {e.GetProperty("detail")}").ToList();
            Assert.True(failed.Count == 0, $"part {part}: " + string.Join("\n", failed));
            Assert.Contains(expectations, e => e.GetProperty("name").GetString()!.StartsWith($"part {part}/2: every receiver decided on every station of part(s)", StringComparison.Ordinal));

            var cells = summary.RootElement.GetProperty("decisions").EnumerateArray()
                .Select(c => (Receiver: c.GetProperty("receiver").GetString(), Sender: c.GetProperty("sender").GetString(), Kind: c.GetProperty("kind").GetString(),
                    Frames: c.GetProperty("frames").GetInt32()))
                .ToList();
            Assert.All(cells, c => Assert.Contains(c.Receiver, receivers));
            foreach (var receiver in receivers)
            {
                foreach (var (sender, kind) in others)
                {
                    Assert.True(cells.Any(c => c.Receiver == receiver && c.Sender == sender && c.Kind == kind && c.Frames > 0),
                        $"part {part}: {receiver} decided nothing from {sender} ({kind}) of the other part");
                }
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return Math.Min(((IPEndPoint)probe.LocalEndPoint!).Port, 65000);
    }

    private PartProcess Start(int index, string ns, string address, int port, string pki)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "netns", "exec", ns, "dotnet", TestInfra.ProjectExecutable("Bench"), "demo", "--part", $"{index}/2", "--radio-interface", address,
                     "--radio-port", port.ToString(CultureInfo.InvariantCulture), "--pki", pki, "--out", Path.Combine(_dir, $"part{index}"),
                     "--duration", Seconds.ToString(CultureInfo.InvariantCulture), "--scan-period", "2", "--keystore", "memory", "--plain",
                 })
        {
            start.ArgumentList.Add(a);
        }

        return new PartProcess(index, Process.Start(start) ?? throw new InvalidOperationException($"cannot start part {index}"));
    }

    private sealed class PartProcess(int index, Process process) : IDisposable
    {
        private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

        public int Index => index;

        public async Task<(int Code, string Output)> ExitAsync(CancellationToken bound)
        {
            try
            {
                await process.WaitForExitAsync(bound);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                return (-1, $"did not finish within {Bound}:\n" + Tail(await _output + await _error));
            }

            return (process.ExitCode, Tail(await _output + await _error));
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
    }
}
