using Firmware.Host;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.Tests.Support;
using Hardware.Linux;
using Hardware.Storage;
using Microsoft.Extensions.Time.Testing;
using Testing.Linux;
using V2x.Integrity;

namespace Firmware.Tests.Linux;

/// <summary>
/// Issue 11 build item 3: a policy for a real vehicle is learned from a known-good system (`learn`), written
/// for review as JSON, and signed by the OEM (`policy sign`); the partition then loads exactly that policy.
/// </summary>
public sealed class LearnTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-learn");
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task What_the_learner_saw_becomes_rules_with_margins_and_the_policy_checks_clean_on_the_same_system()
    {
        if (!Command.IsRoot)
        {
            Assert.Fail("This test raises a capability in a monitored process and needs root.");
        }

        var hardened = await Start("--drop-caps", "--harden");
        await hardened.DoAsync("wx");
        var privileged = await Start("--drop-caps");
        await privileged.DoAsync("cap");
        var shortLived = await Start("--drop-caps");
        var names = new HashSet<string>([hardened.Name, privileged.Name, shortLived.Name], StringComparer.Ordinal);
        var time = new FakeTimeProvider(TestBench.Start);
        using var board = new LinuxBoard(new LinuxBoardOptions { Time = time, StorageDirectory = Path.Combine(_dir, "nvs"), ProcessEvents = false });
        var learner = new PolicyLearner(board.Capabilities, new PolicyLearnerOptions { Include = p => names.Contains(p.Name) });

        learner.Sample();
        shortLived.Kill();
        time.Advance(TimeSpan.FromSeconds(1));
        learner.Sample();
        var (policy, notes) = learner.Candidate(7);

        Assert.Equal(7u, policy.PolicyVersion);
        var h = Assert.Single(policy.ExpectedProcesses, p => p.Name == hardened.Name);
        Assert.Equal((Path.Combine(_dir, hardened.Name), "root", 0, true), (h.ExecutablePath, h.User, h.Uid, h.MayBePrivileged));
        Assert.True(h.RequireNoNewPrivileges && h.MinimumSeccompMode == 2 && h.MayMapWritableExecutable, h.ToString());
        Assert.True(h.CpuMax >= 0.1, "the CPU floor");
        var p = Assert.Single(policy.ExpectedProcesses, p => p.Name == privileged.Name);
        Assert.False(p.RequireNoNewPrivileges || p.MayMapWritableExecutable || p.MinimumSeccompMode > 0, p.ToString());
        Assert.Equal([new PolicyRule(privileged.Name, "CAP_SYS_RAWIO")], policy.AllowedCapabilities.ToArray());
        Assert.Equal([shortLived.Name], policy.ToleratedProcesses.ToArray());
        Assert.True(policy.ReportUnexpectedProcesses);
        Assert.Contains(notes, n => n.Contains(hardened.Name, StringComparison.Ordinal) && n.Contains("writable-and-executable", StringComparison.Ordinal));
        Assert.Equal(Detectors.All & ~(DetectorFlags.IntegrityCheck | DetectorFlags.HsmTamper), policy.RequiredDetectors);

        // Reviewed as text and back, nothing changes.
        Assert.Equal(PolicyCodec.Encode(policy), PolicyCodec.Encode(PolicyJson.Read(PolicyJson.Write(policy, notes))));

        // The learned policy on the same system: the learned processes are clean (and every class it configures is covered).
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy with { ReportUnexpectedProcesses = false }, TestBench.OemKey, TestBench.Start));
        var scan = new IntegrityDetectionFunction(board.Capabilities, TestBench.Rom).Latest;
        var about = scan.Results.SelectMany(r => r.Evidence).Where(e => names.Contains(e.Subject) && e.Level > IntegrityLevel.NoAnomaly).ToList();
        Assert.True(about.All(e => e.Subject == shortLived.Name), string.Join("; ", about.Select(e => e.Detail)));
        Assert.Equal(DetectorFlags.SecurityPolicy | DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.TaskManager | DetectorFlags.Crash | DetectorFlags.Network,
            scan.Coverage & ~DetectorFlags.HsmTamper);
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { "unknown field", "\"policyVersion\": 1,", "\"policyVersion\": 1, \"allowEverything\": true," },
        { "unknown detector class", "\"Memory\"", "\"Memroy\"" },
        { "peer with host bits past its prefix", "\"127.0.0.0/8\"", "\"127.0.0.1/8\"" },
        { "version as text", "\"policyVersion\": 1,", "\"policyVersion\": \"1\"," },
        { "missing field", "\"checkPeers\": true,", "" },
        { "thresholds out of order", "\"heapAnomalyFraction\": 0.75", "\"heapAnomalyFraction\": 0.99" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_document_the_reviewer_broke_is_refused_and_nothing_is_installed(string name, string find, string replace)
    {
        var good = PolicyJson.Write(DefaultPolicies.LinuxHost() with { CheckPeers = true, AllowedPeers = [new AllowedPeer(System.Net.IPAddress.Parse("127.0.0.0"), 8, 0)] });
        Assert.Contains(find, good, StringComparison.Ordinal);
        var file = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(file, good.Replace(find, replace, StringComparison.Ordinal));
        var oem = Path.Combine(_dir, "oem");
        OemKeyFiles.Create(oem, force: false);
        var storage = Path.Combine(_dir, "records");

        Assert.Throws<InvalidDataException>(() => PolicyJson.Read(File.ReadAllText(file)));
        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(["policy", "sign", "--policy-file", file, "--oem-dir", oem, "--storage", storage], output, output, CancellationToken.None);

        Assert.True(code == 1, $"{name}: {code} {output}");
        Assert.Null(Directory.Exists(storage) ? new FileDurableStore(storage).Read(MeasuredBoot.PolicyKey) : null);
    }

    [Fact]
    public async Task Learn_in_a_pid_namespace_then_policy_sign_installs_exactly_the_reviewed_policy()
    {
        if (!Command.IsRoot)
        {
            Assert.Fail("This test runs `learn` in a PID namespace of its own (unshare --pid --mount-proc) and needs root.");
        }

        var candidate = Path.Combine(_dir, "candidate.json");
        var learned = Command.Run("unshare", ["--pid", "--fork", "--mount-proc", "dotnet", Testing.TestInfra.ProjectExecutable("Firmware"),
            "learn", "--seconds", "1", "--interval-ms", "250", "--out", candidate, "--policy-version", "4"], timeoutSeconds: 120);
        Assert.True(learned.ExitCode == 0, learned.ToString());
        Assert.Contains("Review it, then sign it with `policy sign`", learned.Output, StringComparison.Ordinal);
        var reviewed = PolicyJson.Read(await File.ReadAllTextAsync(candidate));
        Assert.Contains(reviewed.ExpectedProcesses, p => p.Name == "dotnet" && p.Uid == 0);
        Assert.NotEmpty(PolicyJson.Notes(await File.ReadAllTextAsync(candidate)));

        var oem = Path.Combine(_dir, "oem");
        var rom = Path.Combine(_dir, "oem.rom");
        var storage = Path.Combine(_dir, "records");
        OemKeyFiles.Create(oem, force: false);
        using var output = new StringWriter();
        var code = await FirmwareCli.RunAsync(["policy", "sign", "--policy-file", candidate, "--oem-dir", oem, "--storage", storage, "--rom", rom], output, output, CancellationToken.None);
        Assert.True(code == 0, output.ToString());

        var (installed, _) = PolicyCodec.Load(new FileDurableStore(storage), RomFile.Read(rom));
        Assert.Equal(PolicyCodec.Encode(reviewed), PolicyCodec.Encode(installed));
        Assert.Equal(4u, installed.PolicyVersion);
    }

    private async Task<MonitoredProgram> Start(params string[] args)
    {
        var program = await MonitoredProgram.StartAsync(MonitoredProgram.Compile(_dir, "lxl" + Guid.NewGuid().ToString("N")[..8]), args);
        _owned.Add(program);
        return program;
    }
}
