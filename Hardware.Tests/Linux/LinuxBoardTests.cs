using System.Net;
using System.Net.Sockets;
using Testing;
using Hardware.Linux;

namespace Hardware.Tests.Linux;

/// <summary>Reads the real /proc and /sys of the test machine.</summary>
public sealed class LinuxBoardTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("hw-linux");
    private readonly LinuxBoard _board;

    public LinuxBoardTests()
    {
        _board = new LinuxBoard(new LinuxBoardOptions { Time = TimeProvider.System, StorageDirectory = _dir });
    }

    [Fact]
    public void The_test_runner_is_in_the_process_list_with_its_user()
    {
        var snapshot = _board.Capabilities.Processes!.Capture();

        var me = Assert.Single(snapshot.Processes, p => p.Pid == Environment.ProcessId);
        Assert.Equal(Environment.UserName, me.User);
        Assert.Contains("dotnet", me.ExecutablePath + me.Name, StringComparison.OrdinalIgnoreCase);
        Assert.True(me.CpuTime > TimeSpan.Zero);
        Assert.Contains(snapshot.Processes, p => p.Pid == 1);
    }

    [Fact]
    public void Cpu_use_of_this_process_shows_over_an_interval()
    {
        var table = _board.Capabilities.Processes!;
        var first = table.Capture();
        // A fixed amount of work (hashing 64 MiB), not a timed spin.
        var data = new byte[64 * 1024 * 1024];
        var digest = System.Security.Cryptography.SHA256.HashData(data);

        var second = table.Capture();

        Assert.Equal(32, digest.Length);
        var cpuBefore = first.Processes.Single(p => p.Pid == Environment.ProcessId).CpuTime;
        var cpuAfter = second.Processes.Single(p => p.Pid == Environment.ProcessId).CpuTime;
        Assert.True(cpuAfter > cpuBefore, $"CPU time went from {cpuBefore} to {cpuAfter}");
        Assert.True(second.CpuUseSince(first)[Environment.ProcessId] > 0);
    }

    [Fact]
    public void Loopback_traffic_the_test_sends_moves_the_lo_counters()
    {
        var counters = _board.Capabilities.NetworkCounters!;
        var before = counters.Read().Single(i => i.Interface == "lo");
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new UdpClient();
        var payload = new byte[1000];
        for (var i = 0; i < 200; i++)
        {
            sender.Send(payload, payload.Length, (IPEndPoint)receiver.Client.LocalEndPoint!);
        }

        var after = counters.Read().Single(i => i.Interface == "lo");

        Assert.True(after.RxBytes - before.RxBytes >= 200_000, $"lo rx moved {after.RxBytes - before.RxBytes} bytes");
        Assert.True(after.TxPackets - before.TxPackets >= 200);
    }

    [Fact]
    public void A_loopback_tcp_connection_is_listed_as_a_peer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var accepted = listener.AcceptTcpClient();

        var peers = _board.Capabilities.NetworkPeers!.Read();

        Assert.Contains(peers, p => p.Remote.Port == port && p.State == "ESTABLISHED");
    }

    [Fact]
    public void Memory_statistics_are_consistent()
    {
        var m = _board.Capabilities.Memory!.Read();

        Assert.True(m.HeapTotalBytes > 64L * 1024 * 1024);
        Assert.InRange(m.HeapUsedBytes, 1, m.HeapTotalBytes);
        Assert.InRange(m.FreeBytes, 1, m.HeapTotalBytes);
    }

    [Fact]
    public void Inventory_lists_the_cpu_lo_and_the_kernel()
    {
        Assert.Contains(_board.Capabilities.HardwareInventory!.Read(), d => d.Kind == "cpu");
        Assert.Contains(_board.Capabilities.HardwareInventory.Read(), d => d.Id == "net:lo");
        Assert.Contains(_board.Capabilities.SoftwareInventory!.Read(),
            s => s.Name == "linux" && s.Version == File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
    }

    [Fact]
    public void Storage_is_the_file_store_in_the_configured_directory()
    {
        _board.Capabilities.Storage.Write("k", [1]);

        Assert.True(File.Exists(Path.Combine(_dir, "k.rec")));
    }

    public void Dispose()
    {
        _board.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
