using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Linux;
using Hardware.Security;
using V2x.Integrity;

namespace Firmware.Tests.Linux;

/// <summary>
/// Issue 11, "Done when": on the real Linux board, a monitored test process (monitored.c, compiled with gcc
/// here) that maps a W+X page, gains a capability, runs without the hardening its policy entry requires,
/// dies by SIGSEGV, aborts on a smashed stack canary, or is killed and restarted produces the matching
/// anomaly at the next scan, and nothing before it. The process events need CAP_NET_ADMIN and the capability
/// rows root: the tests run as root here and fail, naming what is missing, where they cannot.
/// </summary>
public sealed class LinuxDetectorTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-lxdet");
    private readonly InMemoryKeyStore _keys = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_writable_and_executable_mapping_is_a_high_memory_anomaly()
    {
        var program = await StartAsync("--drop-caps");
        var (idf, _) = Boot(Expect(program.Name));
        Assert.DoesNotContain(Evidence(idf.Latest, DetectorFlags.Memory), e => e.Rule == "memory.wx");

        await program.DoAsync("wx");
        var scan = idf.Scan(TriggerKind.Requested);

        var wx = Assert.Single(Evidence(scan, DetectorFlags.Memory), e => e.Rule == "memory.wx");
        Assert.Equal((program.Name, IntegrityLevel.HighAnomaly), (wx.Subject, wx.Level));
        Assert.Contains($"pid {program.Pid}", wx.Detail, StringComparison.Ordinal);
        Assert.Equal(IntegrityLevel.HighAnomaly, scan.LevelOf(DetectorFlags.Memory));
    }

    [Fact]
    public async Task A_process_allowed_writable_and_executable_memory_is_not_reported()
    {
        var program = await StartAsync("--drop-caps");
        var (idf, _) = Boot(Expect(program.Name) with { MayMapWritableExecutable = true });

        await program.DoAsync("wx");

        Assert.DoesNotContain(Evidence(idf.Scan(TriggerKind.Requested), DetectorFlags.Memory), e => e.Rule == "memory.wx");
    }

    [Fact]
    public async Task A_capability_gained_into_the_effective_set_is_a_high_security_policy_anomaly()
    {
        RequireRoot("raise a capability (the monitored process keeps CAP_SYS_RAWIO in its permitted set only when started by root)");
        var program = await StartAsync("--drop-caps");
        var (idf, _) = Boot(Expect(program.Name));
        Assert.DoesNotContain(Evidence(idf.Latest, DetectorFlags.SecurityPolicy), e => e.Subject == program.Name);

        await program.DoAsync("cap");
        var scan = idf.Scan(TriggerKind.Requested);

        var held = Assert.Single(Evidence(scan, DetectorFlags.SecurityPolicy), e => e.Rule == "policy.capability-held");
        Assert.Equal((program.Name, IntegrityLevel.HighAnomaly), (held.Subject, held.Level));
        Assert.Contains("CAP_SYS_RAWIO", held.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capability_the_policy_allows_that_process_is_not_reported()
    {
        RequireRoot("raise a capability");
        var program = await StartAsync("--drop-caps");
        var policy = Policy(Expect(program.Name)) with { AllowedCapabilities = [new PolicyRule(program.Name, "CAP_SYS_RAWIO")] };
        var (idf, _) = Boot(policy);

        await program.DoAsync("cap");

        Assert.DoesNotContain(Evidence(idf.Scan(TriggerKind.Requested), DetectorFlags.SecurityPolicy), e => e.Subject == program.Name);
    }

    [Fact]
    public async Task Missing_no_new_privs_and_seccomp_where_the_policy_requires_them_are_high_anomalies()
    {
        var hardened = await StartAsync("--drop-caps", "--harden");
        var plain = await StartAsync("--drop-caps");
        var required = (ExpectedProcess e) => e with { RequireNoNewPrivileges = true, MinimumSeccompMode = 2 };
        var (idf, _) = Boot(Policy(required(Expect(hardened.Name)), required(Expect(plain.Name))));

        var evidence = Evidence(idf.Scan(TriggerKind.Requested), DetectorFlags.SecurityPolicy);

        Assert.DoesNotContain(evidence, e => e.Subject == hardened.Name);
        Assert.Contains(evidence, e => e.Rule == "policy.no-new-privs" && e.Subject == plain.Name && e.Level == IntegrityLevel.HighAnomaly);
        Assert.Contains(evidence, e => e.Rule == "policy.seccomp" && e.Subject == plain.Name && e.Detail.Contains("mode 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_monitored_process_killed_by_sigsegv_is_a_memory_fault_and_a_crash()
    {
        var program = await StartAsync("--drop-caps");
        var (idf, board) = Boot(Expect(program.Name));
        RequireProcessEvents(board);
        Assert.DoesNotContain(Evidence(idf.Latest, DetectorFlags.Crash), e => e.Subject == program.Name);

        Assert.Equal(128 + 11, await program.DieOfAsync("segv"));
        var scan = idf.Scan(TriggerKind.Requested);

        var fault = Assert.Single(Evidence(scan, DetectorFlags.Memory), e => e.Rule == "memory.AccessViolation");
        Assert.Equal((program.Name, IntegrityLevel.HighAnomaly), (fault.Subject, fault.Level));
        var crash = Assert.Single(Evidence(scan, DetectorFlags.Crash), e => e.Rule == "crash.termination");
        Assert.Contains($"killed by SIGSEGV (pid {program.Pid}", crash.Detail, StringComparison.Ordinal);
        Assert.Contains(Evidence(scan, DetectorFlags.Process), e => e.Rule == "process.missing" && e.Subject == program.Name);

        // Reported once: the next scan reads past it (the latches keep the level).
        Assert.DoesNotContain(Evidence(idf.Scan(TriggerKind.Requested), DetectorFlags.Memory), e => e.Rule == "memory.AccessViolation");
    }

    [Fact]
    public async Task A_smashed_stack_canary_aborts_and_is_a_memory_fault()
    {
        var program = await StartAsync("--drop-caps");
        var (idf, board) = Boot(Expect(program.Name));
        RequireProcessEvents(board);

        Assert.Equal(128 + 6, await program.DieOfAsync("smash"));
        var scan = idf.Scan(TriggerKind.Requested);

        // glibc's __stack_chk_fail says so on the process's stderr, then raises SIGABRT.
        Assert.Contains("stack smashing detected", program.Errors, StringComparison.Ordinal);
        var fault = Assert.Single(Evidence(scan, DetectorFlags.Memory), e => e.Rule == "memory.Abort");
        Assert.Equal(IntegrityLevel.HighAnomaly, fault.Level);
        Assert.Contains(Evidence(scan, DetectorFlags.Crash), e => e.Rule == "crash.termination" && e.Detail.Contains("SIGABRT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_monitored_process_killed_and_started_again_is_a_crash_and_a_restart()
    {
        var program = await StartAsync("--drop-caps");
        var executable = Path.Combine(_dir, program.Name);
        var (idf, board) = Boot(Expect(program.Name));
        RequireProcessEvents(board);

        program.Kill();
        var again = await RestartAsync(executable, "--drop-caps");
        var scan = idf.Scan(TriggerKind.Requested);

        var evidence = Evidence(scan, DetectorFlags.Crash);
        Assert.Contains(evidence, e => e.Rule == "crash.termination" && e.Detail.Contains("killed by SIGKILL", StringComparison.Ordinal));
        var restart = Assert.Single(evidence, e => e.Rule == "crash.restart");
        Assert.Contains($"pid {again.Pid} runs", restart.Detail, StringComparison.Ordinal);
        Assert.Equal(IntegrityLevel.Anomaly, scan.LevelOf(DetectorFlags.Crash));
    }

    [Fact]
    public async Task Without_process_events_a_restart_is_still_seen_from_the_process_table()
    {
        var program = await StartAsync("--drop-caps");
        var executable = Path.Combine(_dir, program.Name);
        var (idf, board) = Boot(Policy(Expect(program.Name)), processEvents: false);
        Assert.Null(board.Capabilities.Reset);

        program.Kill();
        _ = await RestartAsync(executable, "--drop-caps");
        var crash = idf.Scan(TriggerKind.Requested).Results.Single(r => r.Detector == DetectorFlags.Crash);

        Assert.Equal(DetectorStatus.Partial, crash.Status);
        Assert.Contains(crash.Evidence, e => e.Rule == "crash.restart" && e.Subject == program.Name);
        Assert.Contains(crash.Evidence, e => e.Rule == "crash.log" && e.Level == IntegrityLevel.NoAnomaly);
    }

    private static void RequireRoot(string why)
    {
        if (!Testing.Linux.Command.IsRoot)
        {
            Assert.Fail($"This test must run as root to {why}.");
        }
    }

    private static void RequireProcessEvents(LinuxBoard board)
    {
        if (board.ProcessEventsProblem is { } problem)
        {
            Assert.Fail("The Linux board has no process-event log, so abnormal ends cannot be seen here: " + problem);
        }
    }

    private static ExpectedProcess Expect(string name) => new(name, "", "root", 0, MayBePrivileged: true, CpuMin: 0, CpuMax: 64);

    private static DetectionPolicy Policy(params ExpectedProcess[] processes) => DefaultPolicies.LinuxHost() with
    {
        RequiredDetectors = DetectorFlags.SecurityPolicy | DetectorFlags.Memory | DetectorFlags.Process | DetectorFlags.Crash,
        ExpectedProcesses = processes,
        LatchHoldTime = TimeSpan.Zero,
        HeapAnomalyFraction = 1,
        HeapHighFraction = 1,
    };

    private static IReadOnlyList<Evidence> Evidence(ScanResult scan, DetectorFlags detector) =>
        scan.Results.Single(r => r.Detector == detector).Evidence;

    // A freshly compiled copy under a unique name (so parallel tests never watch each other's processes).
    private Task<MonitoredProgram> StartAsync(params string[] args) =>
        RestartAsync(MonitoredProgram.Compile(_dir, "lxm" + Guid.NewGuid().ToString("N")[..8]), args);

    private async Task<MonitoredProgram> RestartAsync(string executable, params string[] args)
    {
        var program = await MonitoredProgram.StartAsync(executable, args);
        _owned.Add(program);
        return program;
    }

    private (IntegrityDetectionFunction Idf, LinuxBoard Board) Boot(ExpectedProcess process) => Boot(Policy(process));

    private (IntegrityDetectionFunction Idf, LinuxBoard Board) Boot(DetectionPolicy policy, bool processEvents = true)
    {
        var board = new LinuxBoard(new LinuxBoardOptions
        {
            Time = TimeProvider.System,
            StorageDirectory = Path.Combine(_dir, "nvs-" + Guid.NewGuid().ToString("N")[..6]),
            KeyStore = _keys,
            ProcessEvents = processEvents,
        });
        _owned.Add(board);
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start));
        return (new IntegrityDetectionFunction(board.Capabilities, TestBench.Rom), board);
    }
}
