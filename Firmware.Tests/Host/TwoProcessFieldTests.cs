using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Firmware.Application.Sending;
using Firmware.Host;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Hardware.Can;
using Hardware.Radio;
using Testing;
using Testing.Linux;
using V2x.Integrity;

namespace Firmware.Tests.Host;

/// <summary>
/// Issue 11 build item 6, the field configuration: the secure partition runs as its own process under its own
/// user, the application as another process under another user; the socket is mode 0660 in the OBU group, the
/// partition admits the application by SO_PEERCRED; a user outside the group cannot even connect; the
/// application cannot read the partition's records; and with the partition reporting an anomaly, option 1's
/// CAN frame to the HMI unit (0x3E0, on the bench's CAN over UDP) and the alert (a JSON line for the HMI
/// process) come from the application process. Real processes under throwaway users (needs root).
/// </summary>
public sealed class TwoProcessFieldTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("fw-field");
    private readonly List<Child> _processes = [];
    private readonly ThrowawayAccounts _accounts = ThrowawayAccounts.Create();

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }

        _accounts.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Partition_and_application_run_as_two_users_and_the_can_and_hmi_signals_come_from_the_application()
    {
        var (group, gid) = _accounts.Group("obu");
        var (partitionUser, partitionUid, _) = _accounts.User("sp", group);
        var (appUser, _, _) = _accounts.User("app", group);
        var (outsider, _, _) = _accounts.User("oth");

        // The OEM flashes the Linux board's records (the Linux starting policy, sending option 1); they belong to the partition's user only.
        var oem = Path.Combine(_dir, "oem");
        var records = Path.Combine(_dir, "records");
        var rom = Path.Combine(_dir, "oem.rom");
        OemKeyFiles.Create(oem, force: false);
        using (var flashed = new StringWriter())
        {
            Assert.Equal(0, await FirmwareCli.RunAsync(["flash", "--board", "Linux", "--storage", records, "--rom", rom, "--oem-dir", oem, "--sending-option", "1"], flashed, flashed, CancellationToken.None));
        }

        Command.Must("chown", "-R", partitionUser, records);
        Command.Must("chmod", "700", records);
        var run = Path.Combine(_dir, "run");
        Directory.CreateDirectory(run);
        Command.Must("chown", partitionUser, run);
        var hmi = Path.Combine(_dir, "hmi");
        Directory.CreateDirectory(hmi);
        Command.Must("chown", appUser, hmi);
        var home = Path.Combine(_dir, "home");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, (UnixFileMode)0x3FF | UnixFileMode.StickyBit);
        var socket = Path.Combine(run, "sp.sock");

        var partition = Start(partitionUser, home, "secure-partition", "--board", "Linux", "--storage", records, "--blackbox-file", Path.Combine(records, "blackbox.bin"),
            "--rom", rom, "--socket", socket, "--Socket:Group", group, "--Socket:ApplicationUsers", appUser, "--Socket:AllowedUsers", "root");
        await partition.WaitForAsync("Serving");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(socket));
        var owner = Command.Must("stat", "-c", "%u %g", socket).Trim();
        Assert.Equal($"{partitionUid} {gid}", owner);

        // The bench PKI's work done by root (allowed by Socket:AllowedUsers): a ticket for the station.
        await using (var provisioning = await SecurePartitionClient.ConnectUnixAsync(socket))
        {
            await TestPki.ProvisionAsync(provisioning);
        }

        // Outside the group: connect(2) is refused by the file's mode. The application's user cannot read the records.
        var denied = Command.Run("setpriv", [.. ThrowawayAccounts.As(outsider)[1..], "/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Protocol", "idle_clients.py"), socket, "1"], standardInput: "");
        Assert.Contains("\"13\": 1", denied.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, Command.Run("setpriv", [.. ThrowawayAccounts.As(appUser)[1..], "ls", records]).ExitCode);

        var root = Path.Combine(_dir, "root.cert");
        await File.WriteAllBytesAsync(root, TestPki.Root.Encoded.ToArray());
        var canPort = FreeUdpPort();
        using var can = new UdpCanBus(new UdpMulticastRadioOptions { Group = IPAddress.Parse("239.255.47.2"), Port = canPort, Time = TimeProvider.System });
        var alerts = Path.Combine(hmi, "alerts.jsonl");
        var app = Start(appUser, home, "app", "--socket", socket, "--root", root, "--name", "lx-field", "--radio-port", FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Pseudonym:PeriodSeconds", "0", "--Can:Kind", "Udp", "--Can:Port", canPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--Hmi:Kind", "File", "--Hmi:File", alerts);

        // The Linux starting policy with an in-memory key store: HSM tamper cannot be checked, an anomaly, so option 1 withholds.
        var frame = await NextHmiFrameAsync(can, app.Process);
        var status = HmiCanFrames.Decode(frame);
        Assert.True(status.Detection);
        Assert.Equal(IntegrityLevel.Anomaly, status.Level);
        Assert.Equal(DetectorFlags.HsmTamper, status.Detectors);
        Assert.True(SpinWait.SpinUntil(() => File.Exists(alerts) && File.ReadAllText(alerts).Contains("\"event\":\"raise\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "no alert line");
        Assert.Contains(IntegritySignals.AlertId, await File.ReadAllTextAsync(alerts));

        Stop(app.Process);
        Stop(partition.Process);
        Assert.True(app.Process.ExitCode == 0, app.Output);
        Assert.Contains("lx-field: sent 0, withheld", app.Output, StringComparison.Ordinal);
        Assert.Equal(0, partition.Process.ExitCode);
    }

    private Child Start(string user, string home, params string[] args)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in ThrowawayAccounts.As(user)[1..].Concat(["dotnet", TestInfra.ProjectExecutable("Firmware")]).Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["HOME"] = home;
        var child = new Child(Process.Start(start)!);
        _processes.Add(child);
        return child;
    }

    private static async Task<CanFrame> NextHmiFrameAsync(UdpCanBus can, Process app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (true)
            {
                var frame = await can.ReceiveAsync(timeout.Token);
                if (frame.Id == HmiCanFrames.Id)
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No HMI frame from the application (exited: {app.HasExited}).");
            throw;
        }
    }

    private static void Stop(Process process)
    {
        Command.Must("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            Assert.Fail("The process did not stop on SIGTERM.");
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    // A child whose output is read as it comes (so a chatty log never blocks it on a full pipe).
    private sealed class Child : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly Lock _lock = new();

        public Child(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_lock)
                {
                    return _output.ToString();
                }
            }
        }

        public Task WaitForAsync(string text)
        {
            if (!SpinWait.SpinUntil(() => Output.Contains(text, StringComparison.Ordinal) || Process.HasExited, TimeSpan.FromSeconds(120))
                || !Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.Fail($"The process did not say '{text}': {Output}");
            }

            return Task.CompletedTask;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_lock)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
