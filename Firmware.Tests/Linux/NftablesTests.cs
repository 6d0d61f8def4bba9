using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Linux;
using Hardware.Security;
using Testing.Linux;
using V2x.Integrity;

namespace Firmware.Tests.Linux;

/// <summary>
/// The firewall check on real nftables, in the test's own network namespace: a table with an input chain and a
/// drop rule with a counter and a comment; datagrams sent to it inside the namespace are dropped and counted,
/// and the network detector rates the packets the named rule dropped since the last scan; a deleted rule is a
/// high anomaly. Needs root, iproute2 and nftables (scripts/setup.sh): the test fails naming what is missing.
/// </summary>
public sealed class NftablesTests : IDisposable
{
    private const string Rule = "lx-v2x-drop";
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-nft");
    private readonly InMemoryKeyStore _keys = new();
    private readonly NetworkNamespace _ns;
    private readonly LinuxBoard _board;

    public NftablesTests()
    {
        if (!Command.IsRoot)
        {
            throw new InvalidOperationException("The nftables rows need root (a network namespace and a firewall table of their own).");
        }

        _ns = NetworkNamespace.Create();
        var nft = _ns.TryExec("nft", "add", "table", "inet", "lxobu");
        if (nft.ExitCode != 0)
        {
            _ns.Dispose();
            throw new InvalidOperationException($"nft does not work in the test's network namespace (install nftables: scripts/setup.sh): {nft}");
        }

        _ns.Exec("nft", "add chain inet lxobu input { type filter hook input priority 0 ; policy accept ; }");
        _ns.Exec("nft", $"add rule inet lxobu input udp dport 9 counter drop comment \"{Rule}\"");
        _ns.Exec("nft", "add rule inet lxobu input udp dport 7 counter accept comment \"lx-v2x-echo\"");
        _board = new LinuxBoard(new LinuxBoardOptions
        {
            Time = TimeProvider.System,
            StorageDirectory = Path.Combine(_dir, "nvs"),
            KeyStore = _keys,
            FirewallTable = "inet lxobu",
            FirewallNamespace = _ns.Name,
            ProcessEvents = false,
        });
    }

    public void Dispose()
    {
        _board.Dispose();
        _ns.Dispose();
        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void The_board_reads_the_named_rules_counters_in_the_namespace()
    {
        Send(3, port: 9);

        var counters = _board.Capabilities.FirewallCounters!.Read();

        Assert.Equal(3UL, Assert.Single(counters, c => c.Rule == Rule).Packets);
        Assert.Contains(counters, c => c.Rule == "lx-v2x-echo");
    }

    public static TheoryData<string, int, IntegrityLevel?> Drops => new()
    {
        { "below the anomaly threshold", 2, null },
        { "at the anomaly threshold", 5, IntegrityLevel.Anomaly },
        { "at the high threshold", 20, IntegrityLevel.HighAnomaly },
    };

    [Theory]
    [MemberData(nameof(Drops))]
    public void Drops_since_the_last_scan_are_rated_against_the_policy(string name, int packets, IntegrityLevel? level)
    {
        var idf = Boot();
        Send(packets, port: 9);
        Send(4, port: 7);

        var scan = idf.Scan(TriggerKind.Requested);

        var network = scan.Results.Single(r => r.Detector == DetectorFlags.Network);
        Assert.Equal(DetectorStatus.Checked, network.Status);
        var drops = network.Evidence.SingleOrDefault(e => e.Rule == "network.firewall");
        Assert.True(level == drops?.Level, $"{name}: {drops?.Detail}");
        if (drops is not null)
        {
            Assert.Equal(packets, drops.Value);
        }

        // Counted once: the next scan starts from this one.
        Assert.DoesNotContain(idf.Scan(TriggerKind.Requested).Results.Single(r => r.Detector == DetectorFlags.Network).Evidence, e => e.Rule == "network.firewall");
    }

    [Fact]
    public void A_deleted_drop_rule_is_a_high_anomaly()
    {
        var idf = Boot();
        var handle = System.Text.RegularExpressions.Regex.Match(_ns.Exec("nft", "-a", "list", "chain", "inet", "lxobu", "input"), $"\"{Rule}\" # handle (\\d+)").Groups[1].Value;
        _ns.Exec("nft", "delete", "rule", "inet", "lxobu", "input", "handle", handle);

        var gone = Assert.Single(idf.Scan(TriggerKind.Requested).Results.Single(r => r.Detector == DetectorFlags.Network).Evidence, e => e.Rule == "network.firewall-rule");

        Assert.Equal((Rule, IntegrityLevel.HighAnomaly), (gone.Subject, gone.Level));
    }

    [Fact]
    public void A_table_that_cannot_be_read_is_not_clean()
    {
        _ns.Exec("nft", "delete", "table", "inet", "lxobu");
        var idf = Boot();

        var network = idf.Latest.Results.Single(r => r.Detector == DetectorFlags.Network);

        Assert.Equal(DetectorStatus.CannotCheck, network.Status);
        Assert.Contains(network.Evidence, e => e.Rule == "capability.error" && e.Level == IntegrityLevel.Anomaly);
    }

    private IntegrityDetectionFunction Boot()
    {
        var policy = DefaultPolicies.LinuxHost() with
        {
            RequiredDetectors = DetectorFlags.Network,
            FirewallRules = [Rule],
            FirewallDropsAnomaly = 5,
            FirewallDropsHigh = 20,
            LatchHoldTime = TimeSpan.Zero,
        };
        _board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start));
        return new IntegrityDetectionFunction(_board.Capabilities, TestBench.Rom);
    }

    // bash's /dev/udp sends one datagram per redirection, inside the namespace, to its loopback.
    private void Send(int datagrams, int port) =>
        _ns.Exec("bash", "-c", $"for i in $(seq {datagrams}); do echo x > /dev/udp/127.0.0.1/{port}; done");
}
