using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Firmware.Application.Composition;
using Firmware.Application.Sending;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using Hardware.Radio;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Stack;

namespace Firmware.Tests.Field;

/// <summary>
/// One replay of the repository's NMEA drive log (<see cref="LogPath"/>) by Debian's gpsfake (package gpsd) into a real
/// gpsd on a free loopback port; a <see cref="GpsdClient"/> feeds a <see cref="GnssReceiver"/> whose clock is the board
/// clock of a simulated OBU, whose CAM service sends through its secure partition while the log plays. What was
/// sent, the receiver's status changes and a DENM trigger at each loss of fix are kept for the rows of
/// <see cref="GpsfakeTests"/>. The session runs once per test class.
/// </summary>
public sealed class GpsfakeSession : IAsyncLifetime, IDisposable
{
    /// <summary>The settings the log was generated with (GpsfakeTests checks the file against them).</summary>
    public static readonly NmeaDriveLogOptions LogOptions = new()
    {
        // gpsfake feeds from its start, client or not: a 10 s lead-in lets the client connect on a loaded machine.
        Epochs = 100,
        NoFixFrom = 70,
        NoFixEpochs = 5,
        StepFrom = 85,
        Step = TimeSpan.FromSeconds(90),
    };

    /// <summary>The clock bound of the run (gpsfake's pacing on a loaded machine jitters by tens of milliseconds).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(500);

    public static string LogPath => Path.Combine(Testing.TestInfra.RepoRoot, "Firmware.Tests", "Field", "Data", "munich-block-5hz.nmea");

    public List<(DateTimeOffset Local, GnssStatus Status)> Statuses { get; } = [];

    public List<ReceivedFrame> Cams { get; } = [];

    public List<string> DenmOutcomes { get; } = [];

    private readonly VerificationKeyCache _keys = new();

    public long ClockSteps { get; private set; }

    /// <summary>Each detected step's disagreement (fix time minus clock time).</summary>
    public List<TimeSpan> StepSizes { get; } = [];

    public string Diagnostics { get; private set; } = "";

    public List<DateTimeOffset> FixTimes { get; } = [];

    public string GpsfakeOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var gpsfake = Testing.Netns.HostCommand.Require("gpsfake", "gpsd");
        Testing.Netns.HostCommand.Require("gpsd", "gpsd");
        var port = FreePort();
        var start = new ProcessStartInfo(gpsfake) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-1", "-q", "-c", "0.1", "-P", port.ToString(System.Globalization.CultureInfo.InvariantCulture), LogPath })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("gpsfake did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var gpsd = await ConnectAsync(port, process);
            var clock = new GnssClock(TimeProvider.System, new GnssClockOptions { Bound = Bound });
            clock.StepDetected += d =>
            {
                lock (StepSizes)
                {
                    StepSizes.Add(d);
                }
            };
            await using var receiver = GnssReceiver.FromGpsd(gpsd, clock);
            await using var obu = SimulatedObu.CreateOnClock(clock, receiver);
            var ready = new TaskCompletionSource();
            var medium = new SimulatedRadioMedium(clock);
            var sender = new MessageSender(new SenderOptions { Partition = obu.Client, Radio = medium.Attach("obu"), Clock = clock });
            var identity = StationIdentity.Random(Hardware.Random.SystemRandomSource.Instance);
            using var cams = new CamService(new CamServiceOptions { Sender = sender, Position = receiver, Clock = clock, Identity = () => identity });
            using var denms = new DenmService(new DenmServiceOptions { Sender = sender, Position = receiver, Clock = clock, Identity = () => identity });
            sender.Sent += r =>
            {
                if (r.Status == SendStatus.Transmitted && r.Psid == Psid.Cam)
                {
                    lock (Cams)
                    {
                        Cams.Add(Decode(r.Frame!));
                    }
                }
            };
            receiver.StatusChanged += s =>
            {
                lock (Statuses)
                {
                    Statuses.Add((TimeProvider.System.GetUtcNow(), s));
                }

                if (s == GnssStatus.Ready)
                {
                    ready.TrySetResult();
                }

                if (s == GnssStatus.NoFix)
                {
                    _ = TriggerAsync(denms);
                }
            };

            // The ticket is installed once the clock runs on GNSS time (the test authority's tickets are valid then).
            var fixes = 0;
            var last = LogOptions.Start + (LogOptions.EpochInterval * (LogOptions.Epochs - 1)) + LogOptions.Step;
            var end = new TaskCompletionSource();
            receiver.FixReported += f =>
            {
                Interlocked.Increment(ref fixes);
                lock (FixTimes)
                {
                    FixTimes.Add(f.FixTime);
                }
                // The log's last epoch ends the run. gpsd's first report (before the log's first sentence with a date)
                // is stamped with the local clock, after the log's last epoch, and can even be a valid fix: only a fix
                // within one epoch of the last one is the end.
                if (f.IsValid && f.FixTime >= last && f.FixTime <= last + LogOptions.EpochInterval)
                {
                    end.TrySetResult();
                }
            };
            if (await Task.WhenAny(ready.Task, process.WaitForExitAsync()) != ready.Task)
            {
                throw new InvalidOperationException($"gpsd never gave a synchronised fix: {fixes} fixes, clock offset {clock.Offset}, status {receiver.Status}, "
                    + $"gpsd bad lines {gpsd.BadLines}; gpsfake exited {process.ExitCode}: {await stdout}{await stderr}");
            }

            var readyAt = TimeProvider.System.GetUtcNow();
            await obu.ProvisionAsync(new TestAuthority("gpsfake.test"));
            var provisionedAt = TimeProvider.System.GetUtcNow();
            cams.Start();
            // gpsfake keeps gpsd up while a client is connected: the run ends with the log's last epoch.
            await end.Task.WaitAsync(TimeSpan.FromSeconds(60));
            cams.Stop();
            await cams.Idle;
            ClockSteps = clock.Steps;
            Diagnostics = $"CAM checks generated {cams.Generated}, skipped {cams.Skipped}, sender transmitted {sender.TransmittedCount}, fixes {fixes}, ready at {readyAt:HH:mm:ss.fff}, provisioned at {provisionedAt:HH:mm:ss.fff}; fix times {string.Join(" ", FixTimes.Take(8).Select(t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))}";
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            GpsfakeOutput = await stdout + await stderr;
        }
    }

    public void Dispose() => _keys.Dispose();

    public Task DisposeAsync()
    {
        _keys.Dispose();
        return Task.CompletedTask;
    }

    private async Task TriggerAsync(DenmService denms)
    {
        string outcome;
        try
        {
            var (_, first) = await denms.TriggerAsync(DenmEvent.EmergencyElectronicBrakeLight);
            outcome = "sent: " + first.Status;
        }
        catch (InvalidOperationException e)
        {
            outcome = "refused: " + e.Message;
        }

        lock (DenmOutcomes)
        {
            DenmOutcomes.Add(outcome);
        }
    }

    // One cache for the run: a CAM naming its ticket by digest verifies with the ticket an earlier CAM carried.
    private ReceivedFrame Decode(byte[] frame) => FrameParser.Parse(frame, new SpduVerifier(_keys) { RequireTrustedIssuer = false });

    // gpsfake starts gpsd, which listens a moment later: connection attempts until it answers (or gpsfake ends).
    private static async Task<GpsdClient> ConnectAsync(int port, Process gpsfake)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await GpsdClient.ConnectAsync("127.0.0.1", port, TimeProvider.System, TimeSpan.FromSeconds(2));
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !gpsfake.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
