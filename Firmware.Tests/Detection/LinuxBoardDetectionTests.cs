using System.Net;
using System.Net.Sockets;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.Tests.Support;
using Hardware.Linux;
using Hardware.Security;
using V2x.Integrity;

namespace Firmware.Tests.Detection;

/// <summary>
/// Issue 4, "Done when" 2: on the Linux board the detectors read this machine's real /proc: the
/// test runner is in the process list, loopback traffic the test sends moves the counters and is
/// rated against the band, and capabilities the board lacks (here a tamper sensor: the key store is in memory,
/// not a PKCS#11 token) are reported as not checkable, never clean.
/// </summary>
public sealed class LinuxBoardDetectionTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-linux");
    private readonly InMemoryKeyStore _keys = new();

    public void Dispose()
    {
        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Detectors_read_the_real_process_table_cpu_and_loopback_counters()
    {
        using var board = new LinuxBoard(new LinuxBoardOptions { Time = TimeProvider.System, StorageDirectory = _dir, KeyStore = _keys });
        var self = board.Capabilities.Processes!.Capture().Processes.Single(p => p.Pid == Environment.ProcessId);
        Assert.Equal(File.ReadAllText("/proc/self/comm").Trim(), self.Name);

        var policy = DefaultPolicies.FailClosed() with
        {
            RequiredDetectors = DetectorFlags.Process | DetectorFlags.TaskManager | DetectorFlags.Network | DetectorFlags.HsmTamper,
            ReportUnexpectedProcesses = false,
            ExpectedProcesses =
            [
                new ExpectedProcess(self.Name, "", self.User, self.Uid, MayBePrivileged: true, CpuMin: 0, CpuMax: 64),
                new ExpectedProcess("no-such-task-x", "", "nobody", 65534, false, 0, 1),
                new ExpectedProcess(self.Name + "-cpu", "", self.User, self.Uid, true, 0, 1),
            ],
            Throughput = [new ThroughputBand("lo", 1, 1e15)],
            LatchHoldTime = TimeSpan.Zero,
        };
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start));
        var idf = new IntegrityDetectionFunction(board.Capabilities, TestBench.Rom);

        var lo = board.Capabilities.NetworkCounters!.Read().Single(c => c.Interface == "lo");
        const int datagrams = 64;
        using (var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        using (var sender = new UdpClient())
        {
            var payload = new byte[16 * 1024];
            for (var i = 0; i < datagrams; i++)
            {
                await sender.SendAsync(payload, (IPEndPoint)receiver.Client.LocalEndPoint!);
                _ = await receiver.ReceiveAsync();
            }
        }

        // Burn some CPU so the runner's own use since the boot scan is measurable.
        var spin = 0L;
        for (var i = 0; i < 20_000_000; i++)
        {
            spin += i % 7;
        }

        Assert.True(spin > 0);
        var after = board.Capabilities.NetworkCounters!.Read().Single(c => c.Interface == "lo");
        Assert.True(after.RxBytes - lo.RxBytes >= datagrams * 16 * 1024UL, "the loopback counters moved by at least what the test sent");

        var scan = idf.Scan(SecurePartition.Triggers.TriggerKind.Requested);
        var process = scan.Results.Single(r => r.Detector == DetectorFlags.Process);
        Assert.Equal(DetectorStatus.Checked, process.Status);
        // Nothing about this process (it is as expected). Another process of the same name under another account (a parallel
        // test's dotnet under a throwaway account) is rightly evidence, about that pid: each such line names its pid.
        Assert.DoesNotContain(process.Evidence, e => e.Subject == self.Name && e.Detail.StartsWith($"pid {Environment.ProcessId} ", StringComparison.Ordinal));
        Assert.Contains(process.Evidence, e => e.Rule == "process.missing" && e.Subject == "no-such-task-x");

        var network = scan.Results.Single(r => r.Detector == DetectorFlags.Network);
        var throughput = Assert.Single(network.Evidence, e => e.Rule == "network.throughput" && e.Subject == "lo");
        Assert.Equal(IntegrityLevel.Anomaly, throughput.Level);
        Assert.True(throughput.Value > 0);

        var tamper = scan.Results.Single(r => r.Detector == DetectorFlags.HsmTamper);
        Assert.Equal(DetectorStatus.CannotCheck, tamper.Status);
        Assert.Equal(IntegrityLevel.Anomaly, tamper.Level);
        // Crash is not required; with monitored processes it is checked from the process events (root here) or, without them, partly from restarts.
        Assert.Contains(scan.Results.Single(r => r.Detector == DetectorFlags.Crash).Status, new[] { DetectorStatus.Checked, DetectorStatus.Partial });
        Assert.Equal(DetectorStatus.Checked, scan.Results.Single(r => r.Detector == DetectorFlags.TaskManager).Status);
    }

    [Fact]
    public void Cpu_use_of_the_runner_is_measured_between_scans()
    {
        using var board = new LinuxBoard(new LinuxBoardOptions { Time = TimeProvider.System, StorageDirectory = _dir, KeyStore = _keys });
        var self = board.Capabilities.Processes!.Capture().Processes.Single(p => p.Pid == Environment.ProcessId);
        var policy = DefaultPolicies.FailClosed() with
        {
            RequiredDetectors = DetectorFlags.TaskManager,
            ExpectedProcesses = [new ExpectedProcess(self.Name, "", self.User, self.Uid, true, 60, 64)],
        };
        board.Capabilities.Storage.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start));
        var idf = new IntegrityDetectionFunction(board.Capabilities, TestBench.Rom);
        var spin = 0L;
        for (var i = 0; i < 20_000_000; i++)
        {
            spin += i % 7;
        }

        Assert.True(spin > 0);
        var evidence = idf.Scan(SecurePartition.Triggers.TriggerKind.Requested).Results.Single(r => r.Detector == DetectorFlags.TaskManager).Evidence;
        var cpu = Assert.Single(evidence, e => e.Rule == "taskmanager.cpu" && e.Detail.StartsWith($"pid {Environment.ProcessId} ", StringComparison.Ordinal));
        Assert.InRange(cpu.Value!.Value, 0.001, 60.0);
        Assert.Equal(60, cpu.AnomalyThreshold);
    }
}
