using System.Net;
using Hardware.Linux;
using Hardware.Network;
using Hardware.Processes;

namespace Hardware.Tests.Linux;

public class ProcFsTests
{
    // proc(5): /proc/[pid]/stat fields 1-17 then the rest; comm may hold spaces and ')'.
    public static TheoryData<string, string, int, string, ProcessState, int, double> StatLines => new()
    {
        { "plain", "1234 (bash) S 1 1234 1234 34816 1 4194304 100 0 0 0 250 50 0 0 20 0 1 0 100 0 0", 1234, "bash", ProcessState.Sleeping, 1, 3.0 },
        { "comm with space and paren", "77 (my (odd) app) R 5 77 77 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 9 0 0", 77, "my (odd) app", ProcessState.Running, 5, 0.03 },
        { "zombie", "9 (defunct) Z 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0", 9, "defunct", ProcessState.Zombie, 1, 0 },
        { "kernel idle thread", "15 (kworker/0:1) I 2 0 0 0 -1 0 0 0 0 0 0 7 0 0 20 0 1 0 9 0 0", 15, "kworker/0:1", ProcessState.Idle, 2, 0.07 },
    };

    [Theory]
    [MemberData(nameof(StatLines))]
    public void Stat_lines_parse(string name, string line, int pid, string comm, ProcessState state, int ppid, double cpuSeconds)
    {
        var s = ProcFs.ParseStat(line);

        Assert.NotNull(s);
        Assert.Equal((pid, comm, state, ppid), (s.Pid, s.Name, s.State, s.ParentPid));
        Assert.True(Math.Abs(cpuSeconds - s.CpuTime.TotalSeconds) < 1e-9, name);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("no parentheses", "12 bash S 1")]
    [InlineData("too few fields (process vanished mid-read)", "12 (bash) S 1 2")]
    [InlineData("pid not a number", "x (bash) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 9")]
    public void Bad_stat_lines_give_null(string name, string line)
    {
        Assert.True(ProcFs.ParseStat(line) is null, name);
    }

    [Fact]
    public void Status_gives_name_real_and_effective_uid_and_capeff()
    {
        const string status = "Name:\tv2x-app\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nCapInh:\t0000000000000000\nCapEff:\t0000000000020000\n";

        var s = ProcFs.ParseStatus(status);

        Assert.Equal(new ProcFs.StatusFields("v2x-app", 1000, 1UL << 17, EffectiveUid: 0), s);
        Assert.Null(ProcFs.ParseStatus("Name:\tx\n"));
    }

    // proc(5), Linux 6.x: NoNewPrivs (4.10+) and Seccomp (3.8+) lines; an older kernel has neither.
    public static TheoryData<string, string, bool?, int?> HardeningLines => new()
    {
        { "hardened", "NoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\n", true, 2 },
        { "plain", "NoNewPrivs:\t0\nSeccomp:\t0\n", false, 0 },
        { "strict seccomp", "NoNewPrivs:\t0\nSeccomp:\t1\n", false, 1 },
        { "old kernel", "", null, null },
        { "garbled", "NoNewPrivs:\tyes\nSeccomp:\t-1\n", null, null },
    };

    [Theory]
    [MemberData(nameof(HardeningLines))]
    public void Status_gives_no_new_privs_and_seccomp_when_the_kernel_shows_them(string name, string lines, bool? noNewPrivs, int? seccomp)
    {
        var s = ProcFs.ParseStatus("Name:\tidf\nUid:\t900\t900\t900\t900\nCapEff:\t0000000000000000\n" + lines);

        Assert.True((noNewPrivs, seccomp) == (s!.NoNewPrivileges, s.SeccompMode), name);
    }

    [Fact]
    public void Maps_give_permissions_and_paths()
    {
        const string maps = "55d0c0a00000-55d0c0a02000 r--p 00000000 fd:01 1234 /usr/bin/v2x-app\n"
            + "55d0c0a02000-55d0c0a08000 r-xp 00002000 fd:01 1234 /usr/bin/v2x-app\n"
            + "7f2a1c000000-7f2a1c001000 rwxp 00000000 00:00 0 \n"
            + "7ffd1d8e0000-7ffd1d901000 rw-p 00000000 00:00 0                          [stack]\n"
            + "garbage line\n";

        var m = ProcFs.ParseMaps(maps);

        Assert.Equal(4, m.Count);
        Assert.Equal(new Hardware.Memory.MemoryMapping(0x55d0c0a02000, 0x55d0c0a08000, true, false, true, false, "/usr/bin/v2x-app"), m[1]);
        Assert.Equal([false, false, true, false], m.Select(x => x.IsWritableAndExecutable).ToArray());
        Assert.Equal(("", 4096UL), (m[2].Path, m[2].Length));
        Assert.Equal("[stack]", m[3].Path);
    }

    [Fact]
    public void Meminfo_values_are_bytes()
    {
        var m = ProcFs.ParseMeminfo("MemTotal:       16384 kB\nMemFree:         1024 kB\nMemAvailable:    8192 kB\nHugePages_Total:       0\n");

        Assert.Equal(16384L * 1024, m["MemTotal"]);
        Assert.Equal(8192L * 1024, m["MemAvailable"]);
        Assert.Equal(0, m["HugePages_Total"]);
    }

    [Fact]
    public void Net_dev_gives_rx_and_tx_columns()
    {
        const string text = "Inter-|   Receive                                                |  Transmit\n" +
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
            "    lo: 1242827     503    0    0    0     0          0         0  1242828     504    0    0    0     0       0          0\n" +
            "  eth0: 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0\n";

        var c = ProcFs.ParseNetDev(text, DateTimeOffset.UnixEpoch);

        Assert.Equal(new InterfaceCounters("lo", DateTimeOffset.UnixEpoch, 1242827, 503, 1242828, 504), c[0]);
        Assert.Equal(new InterfaceCounters("eth0", DateTimeOffset.UnixEpoch, 10, 1, 20, 2), c[1]);
    }

    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "IPv4 loopback", "0100007F:D888", "127.0.0.1:55432" },
        { "IPv4 any", "00000000:0000", "0.0.0.0:0" },
        { "IPv6 loopback", "00000000000000000000000001000000:1F90", "[::1]:8080" },
        { "IPv4-mapped IPv6", "0000000000000000FFFF00000100007F:0035", "[::ffff:127.0.0.1]:53" },
        { "bad hex", "0100007G:D888", null },
        { "no port", "0100007F", null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Endpoints_parse(string name, string text, string? expected)
    {
        Assert.True(expected == ProcFs.ParseEndpoint(text)?.ToString(), name);
    }

    [Fact]
    public void Net_tcp_lists_connected_sockets_only()
    {
        const string text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 0100007F:D888 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 20724 1\n" +
            "   1: 0100007F:9C40 0100007F:D888 01 00000000:00000000 00:00000000 00000000  1000        0 20725 1\n";

        var peers = ProcFs.ParseNetSockets(text, TransportProtocol.Tcp);

        var p = Assert.Single(peers);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 55432), p.Remote);
        Assert.Equal(("ESTABLISHED", 1000), (p.State, p.Uid!.Value));
    }
}
