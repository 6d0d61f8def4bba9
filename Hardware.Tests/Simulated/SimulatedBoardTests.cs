using System.Net;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Inventory;
using Hardware.Memory;
using Hardware.Network;
using Hardware.Policy;
using Hardware.Processes;
using Hardware.Reset;
using Hardware.Simulated;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Hardware.Tests.Simulated;

public sealed class SimulatedBoardTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = TestInfra.NewTempDirectory("hw-board");
    private readonly FakeTimeProvider _time = new(Start);

    /// <summary>
    /// Each fault injection and what the firmware sees through the capability interfaces: the
    /// observation is false on a clean board and true after the injection.
    /// </summary>
    public static TheoryData<string, Action<SimulatedBoard>, Func<BoardCapabilities, bool>> Faults => new()
    {
        {
            "overwrite bytes of the os image",
            b => b.OverwriteImageBytes("os", 4096, [0xDE, 0xAD]),
            c => !ReadImage(c, "os").SequenceEqual(ReferenceImages.Build("os", 0x30000, "1.0.0", 1))
        },
        {
            "roll the app back to an older secure version",
            b => b.RollBackImage("app"),
            c => FirmwareImageHeader.Read(c.Flash!, "app").SecureVersion == 0
        },
        {
            "update the idf image",
            b => b.FlashImageVersion("idf", "1.1.0", 2),
            c => c.SoftwareInventory!.Read().Any(s => s.Name == "idf" && s.Version == "1.1.0")
        },
        {
            "corrupt the app header",
            b => b.OverwriteImageBytes("app", 8, [0xFF]),
            c => c.SoftwareInventory!.Read().Any(s => s.Name == "app" && s.Version == "unreadable:BadChecksum")
        },
        {
            "start a rogue process",
            b => b.StartRogueProcess(),
            c => c.Processes!.Capture().Processes.Any(p => p.Name == "miner" && p.Uid == 0 && p.ExecutablePath == "/tmp/.x/miner")
        },
        {
            "kill an expected process",
            b => b.KillProcess("idf"),
            c => c.Processes!.Capture().Processes.All(p => p.Name != "idf")
        },
        {
            "run v2x-app as root",
            b => b.ChangeProcessUser("v2x-app", "root", 0),
            c => c.Processes!.Capture().Processes.Single(p => p.Name == "v2x-app").IsPrivileged
        },
        {
            "give v2x-app CAP_SYS_RAWIO",
            b => b.ChangeProcessCapabilities("v2x-app", 1UL << (int)LinuxCapability.SysRawIo),
            c => c.Processes!.Capture().Processes.Single(p => p.Name == "v2x-app").HasCapability(LinuxCapability.SysRawIo)
        },
        {
            "set gnssd CPU use to 90 %",
            b => b.SetCpuUse("gnssd", 0.9),
            c => CpuOver(c, "gnssd", 0.85)
        },
        {
            "push 5 MB on radio0",
            b => b.PushTraffic("radio0", 5_000_000, 0),
            c => c.NetworkCounters!.Read().Single(i => i.Interface == "radio0").RxBytes >= 5_000_000
        },
        {
            "add a peer",
            b => b.AddPeer(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 4444)),
            c => c.NetworkPeers!.Read().Any(p => p.Remote.Port == 4444)
        },
        {
            "add firewall drops",
            b => b.AddFirewallDrops(3, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5555)),
            c => c.Firewall!.ReadSince(0).Count == 3
        },
        {
            "attach to an IPC channel",
            b => b.AttachIpc("v2x-app", "/dev/shm/idf-keys"),
            c => c.SecurityPolicy!.ReadSince(0).Any(e => e.Kind == SecurityPolicyEventKind.IpcAttachment && e.Pid == 20)
        },
        {
            "use CAP_SETUID",
            b => b.UseCapability("v2x-app", "CAP_SETUID"),
            c => c.SecurityPolicy!.ReadSince(0).Any(e => e.Kind == SecurityPolicyEventKind.CapabilityUse && e.Subject == "CAP_SETUID")
        },
        {
            "raise heap use to 95 %",
            b => b.SetHeapUsed(8L * 1024 * 1024 * 95 / 100),
            c => c.Memory!.Read().UsedFraction > 0.9
        },
        {
            "stack guard hit in v2x-app",
            b => b.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0x3FFB_0000),
            c => c.MemoryFaults!.ReadSince(0).Any(f => f.Kind == MemoryFaultKind.StackGuard && f.Pid == 20 && f.Time == Start.AddSeconds(10))
        },
        {
            "raise a tamper event",
            b => b.RaiseTamper("enclosure"),
            c => c.Tamper!.IsLatched && c.Tamper.ReadSince(0).Single().Source == "enclosure"
        },
        {
            "crash v2x-app with a panic",
            b => b.Crash("v2x-app", ResetReason.Panic, "LoadProhibited"),
            c => c.Reset!.ReadCrashLog(0).Any(e => e.Task == "v2x-app" && e.Reason == ResetReason.Panic)
                && c.Processes!.Capture().Processes.All(p => p.Name != "v2x-app")
        },
        {
            "attach new hardware",
            b => b.AttachHardware(new HardwareDevice("usb1", "usb", "Evil", "Keylogger", "1")),
            c => c.HardwareInventory!.Read().Any(d => d.Id == "usb1")
        },
        {
            "install an application",
            b => b.InstallApplication("navigation", "2.3"),
            c => c.SoftwareInventory!.Read().Any(s => s.Name == "navigation" && s.Version == "2.3")
        },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Fault_injection_is_observed_through_the_capabilities(string name, Action<SimulatedBoard> inject, Func<BoardCapabilities, bool> observed)
    {
        using var board = NewBoard();
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(observed(board.Capabilities), $"{name}: seen on a clean board");

        inject(board);

        Assert.True(observed(board.Capabilities), $"{name}: not seen after the injection");
    }

    [Fact]
    public void A_clean_board_runs_the_expected_processes_with_their_cpu_use()
    {
        using var board = NewBoard();
        var first = board.Capabilities.Processes!.Capture();
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = board.Capabilities.Processes.Capture();

        var use = second.CpuUseSince(first);

        Assert.Equal(SimulatedBoard.ExpectedProcesses.Select(p => p.Name), second.Processes.Select(p => p.Name));
        foreach (var p in SimulatedBoard.ExpectedProcesses)
        {
            Assert.Equal(p.CpuUse, use[p.Pid], 6);
        }

        Assert.Equal(ResetReason.PowerOn, board.Capabilities.Reset!.LastResetReason);
        Assert.False(board.Capabilities.Tamper!.IsLatched);
    }

    [Fact]
    public void Traffic_between_two_readings_gives_the_rate()
    {
        using var board = NewBoard();
        var before = board.Capabilities.NetworkCounters!.Read().Single(i => i.Interface == "radio0");
        _time.Advance(TimeSpan.FromSeconds(2));
        board.PushTraffic("radio0", 3000, 1000);
        var after = board.Capabilities.NetworkCounters.Read().Single(i => i.Interface == "radio0");

        Assert.Equal(2000, after.BytesPerSecondSince(before), 6);
    }

    [Fact]
    public void Restart_keeps_images_storage_tamper_crash_log_and_inventory()
    {
        var path = Path.Combine(_dir, "flash.bin");
        using (var board = SimulatedBoard.Create(path, ObuBoards.ObuSmall, new SimulatedBoardOptions { Time = _time }))
        {
            board.Store.Write("counter", [42]);
            board.OverwriteImageBytes("os", 1000, [1, 2, 3]);
            board.RaiseTamper("probe");
            board.Crash("v2x-app", ResetReason.Watchdog, "task wdt");
            board.AttachHardware(new HardwareDevice("usb1", "usb", "V", "M", "1"));
            board.InstallApplication("nav", "1.0");
            board.StartRogueProcess();
        }

        using var restarted = SimulatedBoard.Open(path, new SimulatedBoardOptions { Time = _time });
        var c = restarted.Capabilities;

        Assert.Equal([42], c.Storage.Read("counter"));
        var os = new byte[3];
        c.Flash!.Read("os", 1000, os);
        Assert.Equal([1, 2, 3], os);
        Assert.True(c.Tamper!.IsLatched);
        Assert.Equal(ResetReason.Watchdog, c.Reset!.LastResetReason);
        Assert.Equal("task wdt", c.Reset.ReadCrashLog(0).Single().Detail);
        Assert.Contains(c.HardwareInventory!.Read(), d => d.Id == "usb1");
        Assert.Contains(c.SoftwareInventory!.Read(), s => s.Name == "nav");
        Assert.DoesNotContain(c.Processes!.Capture().Processes, p => p.Name == "miner");
    }

    [Fact]
    public void Reset_reason_is_reported_once_then_power_on()
    {
        var path = Path.Combine(_dir, "flash.bin");
        using (var board = SimulatedBoard.Create(path, ObuBoards.ObuSmall, new SimulatedBoardOptions { Time = _time }))
        {
            board.RequestRestart();
        }

        using (var second = SimulatedBoard.Open(path, new SimulatedBoardOptions { Time = _time }))
        {
            Assert.Equal(ResetReason.Software, second.Capabilities.Reset!.LastResetReason);
        }

        using var third = SimulatedBoard.Open(path, new SimulatedBoardOptions { Time = _time });
        Assert.Equal(ResetReason.PowerOn, third.Capabilities.Reset!.LastResetReason);
    }

    [Fact]
    public void Opening_a_file_without_a_valid_table_is_a_typed_error_and_leaves_the_file_alone()
    {
        var path = Path.Combine(_dir, "garbage.bin");
        var garbage = new byte[0x10000];
        garbage.AsSpan().Fill(0x5A);
        File.WriteAllBytes(path, garbage);

        Assert.Throws<PartitionTableException>(() => SimulatedBoard.Open(path, new SimulatedBoardOptions { Time = _time }));

        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("unknown process name")]
    public void Fault_injection_on_a_missing_process_is_a_callers_mistake(string name)
    {
        using var board = NewBoard();

        Assert.Throws<ArgumentException>(() => board.SetCpuUse("no-such-process", 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.SetCpuUse("idf", -1));
        Assert.Equal(SimulatedBoard.ExpectedProcesses.Count, board.Capabilities.Processes!.Capture().Processes.Count);
        Assert.NotEmpty(name);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SimulatedBoard NewBoard() =>
        SimulatedBoard.Create(Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".bin"), ObuBoards.ObuSmall, new SimulatedBoardOptions { Time = _time });

    private static byte[] ReadImage(BoardCapabilities c, string label)
    {
        var header = FirmwareImageHeader.Read(c.Flash!, label);
        var image = new byte[header.ImageLengthBytes];
        c.Flash!.Read(label, 0, image);
        return image;
    }

    private static bool CpuOver(BoardCapabilities c, string name, double fraction)
    {
        var time = (FakeTimeProvider)c.Time;
        var first = c.Processes!.Capture();
        time.Advance(TimeSpan.FromSeconds(5));
        var second = c.Processes.Capture();
        var pid = second.Processes.Single(p => p.Name == name).Pid;
        return second.CpuUseSince(first)[pid] > fraction;
    }
}
