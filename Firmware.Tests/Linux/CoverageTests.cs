using Firmware.Application.Decisions;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Hardware.Linux;
using Hardware.Security;
using Testing;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Linux;

/// <summary>
/// Issue 11, "Done when": DefaultPolicies.LinuxHost no longer yields a full-coverage clean report. On the real
/// Linux board with the SoftHSM2 token (so the tamper check works and the level is "no anomaly"), every signed
/// message says in its compact report's coverage which classes were evaluated, the detailed report names the
/// classes left out and why, and a receiver never acts fully on it (decision row 10).
/// </summary>
public sealed class CoverageTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("fw-cover");
    private readonly string _prefix = $"cv{Guid.NewGuid():N}"[..12] + "-";
    private readonly Pkcs11KeyStore _keys = new(new Pkcs11KeyStoreOptions { ModulePath = TestInfra.Pkcs11Library, TokenLabel = TestInfra.TokenLabel, UserPin = TestInfra.TokenPin });

    public void Dispose()
    {
        foreach (var label in _keys.List().Where(l => l.StartsWith(_prefix, StringComparison.Ordinal)))
        {
            _keys.Delete(label);
        }

        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_Linux_starting_policy_signs_a_clean_report_that_says_it_covers_little_and_is_not_acted_on()
    {
        using var board = new LinuxBoard(new LinuxBoardOptions { Time = TimeProvider.System, StorageDirectory = Path.Combine(_dir, "nvs"), KeyStore = _keys });
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(DefaultPolicies.LinuxHost(), TestBench.OemKey, TestBench.Start));
        using var medium = new FileBlackBoxMedium(Path.Combine(_dir, "bb.bin"), 64 * 1024);
        using var partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = board.Capabilities, Rom = TestBench.Rom, BlackBox = medium, KeyLabelPrefix = _prefix, PeriodicScans = false,
        });
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);

        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
        var report = TestPki.Open(signed.Spdu).Report!;

        const DetectorFlags notConfigured = DetectorFlags.SecurityPolicy | DetectorFlags.Network | DetectorFlags.Process | DetectorFlags.TaskManager | DetectorFlags.Crash;
        Assert.Equal(IntegrityLevel.NoAnomaly, report.Level);
        Assert.Equal(DetectorFlags.Memory | DetectorFlags.HsmTamper, report.Coverage);
        var detailed = partition.GetDetailedReport();
        Assert.Equal(notConfigured | DetectorFlags.IntegrityCheck, detailed.Uncovered);
        foreach (var r in detailed.Results.Where(r => (notConfigured & r.Detector) != 0))
        {
            Assert.Equal(DetectorStatus.NotConfigured, r.Status);
            Assert.Contains(r.Evidence, e => e.Rule == DetectorResult.NotCoveredRule && e.Detail.StartsWith("not checked: the policy names no", StringComparison.Ordinal));
        }

        Assert.Contains(detailed.Results.Single(r => r.Detector == DetectorFlags.IntegrityCheck).Evidence, e => e.Rule == DetectorResult.NotCoveredRule);
        Assert.Equal(new DecisionOutcome(DecisionRow.AssuredNoAnomalyInsufficientCoverage, TrustDecision.ActWithCaution),
            DecisionTable.Decide(5, report, Psid.Cam, new DecisionPolicy()));
    }

    [Fact]
    public void A_policy_that_names_what_to_watch_covers_the_classes_it_configures()
    {
        using var board = new LinuxBoard(new LinuxBoardOptions { Time = TimeProvider.System, StorageDirectory = Path.Combine(_dir, "nvs"), KeyStore = _keys });
        var self = board.Capabilities.Processes!.Capture().Processes.Single(p => p.Pid == Environment.ProcessId);
        var policy = DefaultPolicies.LinuxHost() with
        {
            ExpectedProcesses = [new ExpectedProcess(self.Name, "", self.User, self.Uid, MayBePrivileged: true, 0, 64, MayMapWritableExecutable: true)],
            AllowedCapabilities = LinuxCapabilityList(self),
            Throughput = [new ThroughputBand("lo", 1e12, 1e13)],
            CheckPeers = false,
        };
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start));

        var scan = new IntegrityDetectionFunction(board.Capabilities, TestBench.Rom).Latest;

        Assert.Equal(Detectors.All & ~DetectorFlags.IntegrityCheck, scan.Coverage);
        Assert.Equal(DetectorFlags.IntegrityCheck, scan.Uncovered);
    }

    private static List<PolicyRule> LinuxCapabilityList(Hardware.Processes.ProcessInfo p) =>
        Hardware.Processes.LinuxCapabilityNames.Of(p.EffectiveCapabilities).Select(c => new PolicyRule(p.Name, c)).ToList();
}
