using System.Globalization;
using Firmware.Application.Node;
using Firmware.Application.Provisioning;
using Firmware.Application.Recording;
using Firmware.Application.Trust;
using Firmware.SecurePartition.Protocol;
using Hardware;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PkiProtocol.Client;
using V2x.Pcap;
using V2x.Integrity;
using V2x.Security.Certificates;

namespace Firmware.Host;

/// <summary>
/// Runs the application partition (an <see cref="ObuNode"/>) from configuration, over a partition client that
/// `app` connects through the Unix socket and `obu` through the in-memory channel. Settings:
/// Trust:Root (the root certificate, COER file; required), Pki:Url (certificates by HashedId8 and CRLs; with
/// Pki:StationId also enrolment and Pki:Tickets tickets), the radio (<see cref="FieldHardware"/>: Radio:Kind Udp with
/// Radio:Group and Radio:Port on loopback, or Packet on Radio:Interface), GNSS (Gnss:Source, opened by the commands),
/// the drive recording, the vehicle's CAN signals and the EEBL triggers (<see cref="FieldRecording"/>: Record:Directory,
/// Can:Dbc, Eebl:HardBrakingDeceleration, Eebl:TriggerAtSeconds), Decisions:MinimumAssurance, Pseudonym:PeriodSeconds (0 never),
/// Crl:Required (default true with Pki:Url, false without), Trust:AcceptAsSentHashing (default false), Tls:Root (PEM of
/// the CA the https PKI service and hub are verified against; default the system's roots), Capture:File (pcap of every
/// frame), Node:Name,
/// Run:Seconds (stop after that long; default until SIGTERM or SIGINT); Posture:Url (the posture server, polled every
/// Posture:PeriodSeconds, default 21600; needs Pki:StationId for the enrolment credential that signs the request) and
/// Misbehaviour:Queue (the SQLite queue of misbehaviour reports to the PKI's misbehaviour authority; needs
/// Pki:StationId) (Docs/posture.md, Docs/misbehaviour.md); the upstream forwarder's settings are
/// those of <see cref="UpstreamHost"/> (off unless Upstream:Url is set); the vehicle side (position, CAN, alerts)
/// is a <see cref="VehicleSide"/>, never the partition's board. The sending option is not a setting of
/// the application: it is part of the OEM-signed detection policy (`flash --sending-option`), and Sending:Policy
/// (`--policy`) is refused with a message saying so.
/// </summary>
public static class ApplicationHost
{
    /// <summary>
    /// Runs the node until the run time ends or the token is cancelled; returns the exit code. The upstream
    /// forwarder (when Upstream:Url is set) gets its own connection from <paramref name="connectUpstream"/>, so
    /// its report reads and indicator updates never queue in front of the node's AugmentAndSign.
    /// </summary>
    public static async Task<int> RunAsync(IConfiguration configuration, SecurePartitionClient partition,
        Func<CancellationToken, Task<SecurePartitionClient>> connectUpstream, VehicleSide vehicle, TimeProvider clock,
        ILoggerFactory loggers, TextWriter output, CancellationToken cancellationToken, GnssReceiver? gnss = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(connectUpstream);
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(output);
        var log = loggers.CreateLogger("Application");
        var root = ReadCertificate(Settings.Require(configuration, "Trust:Root"));
        RefuseSendingPolicy(configuration["Sending:Policy"]);
        var name = configuration["Node:Name"] ?? "obu";
        var minimum = Settings.UInt(configuration, "Decisions:MinimumAssurance", 3);
        if (minimum > 7)
        {
            throw new ArgumentException("Decisions:MinimumAssurance is 0..7.");
        }

        var pkiUrl = configuration["Pki:Url"];
        using var http = pkiUrl is { Length: > 0 }
            ? new HttpClient(TlsRoot.Handler(configuration)) { BaseAddress = new Uri(pkiUrl.EndsWith('/') ? pkiUrl : pkiUrl + "/", UriKind.Absolute) }
            : null;
        using var provisioning = http is not null && configuration["Pki:StationId"] is { Length: > 0 }
            ? new PkiProvisioning(http, root, partition, clock, loggers.CreateLogger("Provisioning"))
            : null;
        var requireCrls = Bool(configuration, "Crl:Required", http is not null);
        var asSent = Bool(configuration, "Trust:AcceptAsSentHashing", false);
        if (asSent)
        {
            // Docs/trust-decisions.md: a local policy, stated in the log so that it is never in force silently.
            log.LogWarning("Trust:AcceptAsSentHashing is true: certificate chains hashed as sent (not IEEE 1609.2 canonical) are accepted");
        }
        if (!requireCrls)
        {
            // Without a PKI there are no CRLs: revocation cannot be checked, which the operator must know.
            log.LogWarning("Crl:Required is false: revoked certificates are not detected (no PKI to fetch CRLs from)");
        }
        var radio = FieldHardware.OpenRadio(configuration, clock);
        using var radioOwner = radio as IDisposable;
        using var recorder = configuration["Record:Directory"] is { Length: > 0 } folder ? new DriveRecorder(folder, name, clock) : null;
        var capturePath = configuration["Capture:File"] is { Length: > 0 } path ? path : recorder is null ? null : Path.Combine(recorder.Folder, RecordingFiles.Frames);
        await using var capture = capturePath is null ? null : File.Create(capturePath);
        using var pcap = capture is null ? null : new PcapWriter(capture, leaveOpen: true);
        var pseudonym = Settings.UInt(configuration, "Pseudonym:PeriodSeconds", 300);
        var position = (IPositionSource?)gnss ?? vehicle.Position ?? new SimulatedRoute(clock, SimulatedRoute.MunichBlock, 519);
        var random = vehicle.Random;
        using var postureHttp = configuration["Posture:Url"] is { Length: > 0 } postureUrl
            ? new HttpClient(TlsRoot.Handler(configuration)) { BaseAddress = new Uri(postureUrl.EndsWith('/') ? postureUrl : postureUrl + "/", UriKind.Absolute) }
            : null;
        var posturePeriod = Settings.UInt(configuration, "Posture:PeriodSeconds", 21600);
        using var reports = configuration["Misbehaviour:Queue"] is { Length: > 0 } queuePath
            ? Application.Misbehaviour.Reporting.MisbehaviourQueue.Open(queuePath, 1024, clock)
            : null;
        if ((postureHttp is not null || reports is not null) && provisioning is null)
        {
            throw new ArgumentException("Posture:Url and Misbehaviour:Queue need Pki:Url and Pki:StationId (the enrolment credential and tickets sign them).");
        }

        var upstreamPartition = configuration["Upstream:Url"] is { Length: > 0 } ? await connectUpstream(cancellationToken).ConfigureAwait(false) : null;
        UpstreamHost? upstream = null;
        try
        {
            upstream = upstreamPartition is null ? null : UpstreamHost.Create(configuration, upstreamPartition, position, clock, random, loggers);
            var node = new ObuNode(new ObuNodeOptions
            {
                Name = name,
                Partition = partition,
                Radio = radio,
                Position = position,
                Clock = clock,
                Root = root,
                Random = random,
                Can = vehicle.Can,
                Alerts = vehicle.Alerts,
                Directory = http is null ? null : new PkiDirectory(new PkiClient(http, root, clock)),
                Provisioning = provisioning,
                StationId = configuration["Pki:StationId"],
                Tickets = (int)Settings.UInt(configuration, "Pki:Tickets", 3),
                Decisions = Decisions(configuration, (byte)minimum),
                RequireCurrentCrls = requireCrls,
                AcceptAsSentHashing = asSent,
                PseudonymPeriod = pseudonym == 0 ? null : TimeSpan.FromSeconds(pseudonym),
                Capture = pcap,
                PostureServer = postureHttp is null ? null : new PkiProtocol.Posture.PostureClient(postureHttp, provisioning!.Client, clock),
                PosturePeriod = TimeSpan.FromSeconds(Math.Max(1, posturePeriod)),
                MisbehaviourQueue = reports,
                Loggers = loggers,
            });
            await using (node.ConfigureAwait(false))
            {
                using var recording = FieldRecording.Start(recorder, node, gnss, position, clock);
                var vehicleSignals = FieldRecording.VehicleSignals(configuration, vehicle.Can, recorder, node, loggers.CreateLogger("VehicleSignals"));
                await node.StartAsync(cancellationToken).ConfigureAwait(false);
                using var eebl = FieldRecording.EeblTrigger(configuration, node, clock, log);
                using var signalsStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var signalsRun = vehicleSignals?.RunAsync(signalsStop.Token) ?? Task.CompletedTask;
                if (upstream is not null)
                {
                    // Option 1's upstream alert (patent ¶116) runs a forwarding cycle at once; the loop covers the rest.
                    node.Signals.UpstreamAlerted += alert => _ = upstream.NudgeAsync();
                    upstream.Forwarder.Start();
                    log.LogInformation("Upstream forwarding to {Url}", configuration["Upstream:Url"]);
                }

                log.LogInformation("{Node} running: station {Station}", name, node.Identity.StationId);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                var seconds = Settings.UInt(configuration, "Run:Seconds", 0);
                try
                {
                    await Task.Delay(seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds), clock, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    log.LogInformation("Stopping");
                }

                await signalsStop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await signalsRun.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped with the node.
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: sent {node.Sender.TransmittedCount}, withheld {node.Sender.WithheldCount}, decided {node.Receiver.Recent.Total}")).ConfigureAwait(false);
            }

        }
        finally
        {
            if (upstream is not null)
            {
                await upstream.DisposeAsync().ConfigureAwait(false);
            }

            if (upstreamPartition is not null)
            {
                await upstreamPartition.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    // The application once chose the sending option; a compromised one could then leave the report out. It is the
    // OEM's now, signed into the detection policy: an application setting for it is a mistake worth stopping at.
    private static void RefuseSendingPolicy(string? value)
    {
        if (value is { Length: > 0 })
        {
            throw new ArgumentException("Sending:Policy (--policy) is no application setting any more: the sending option is part of the " +
                "OEM-signed detection policy, written by `Firmware flash --sending-option 1|2|3`.");
        }
    }

    /// <summary>
    /// The receiver's decision policy: Decisions:MinimumAssurance, Decisions:RequiredCoverage (detector class
    /// names separated by commas, "none" for no class; default IntegrityCheck,Memory,Process) and
    /// Decisions:MinimumCoverageCount (0..8, default 6).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown class name or a count out of range.</exception>
    public static Application.Decisions.DecisionPolicy Decisions(IConfiguration configuration, byte minimumAssurance)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var policy = new Application.Decisions.DecisionPolicy { MinimumAssurance = minimumAssurance };
        if (configuration["Decisions:RequiredCoverage"] is { Length: > 0 } classes)
        {
            var flags = DetectorFlags.None;
            foreach (var name in classes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (name.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                flags |= Enum.TryParse<DetectorFlags>(name, ignoreCase: true, out var f) && f != DetectorFlags.None && Enum.IsDefined(f) && !char.IsDigit(name[0])
                    ? f
                    : throw new ArgumentException($"Decisions:RequiredCoverage: '{name}' is not a detector class ({string.Join(", ", Enum.GetNames<DetectorFlags>().Skip(1))}).");
            }

            policy = policy with { RequiredCoverage = flags };
        }

        var count = Settings.UInt(configuration, "Decisions:MinimumCoverageCount", (uint)policy.MinimumCoverageCount);
        policy = policy with { MinimumCoverageCount = count <= 8 ? (int)count : throw new ArgumentException("Decisions:MinimumCoverageCount is 0..8.") };
        policy.Validate();
        return policy;
    }

    private static Certificate ReadCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Trust:Root: no file {path}.");
        }

        try
        {
            return Certificate.Decode(File.ReadAllBytes(path));
        }
        catch (V2x.DecodeException e)
        {
            throw new InvalidDataException($"{path} is not a COER certificate: {e.Message}", e);
        }
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback) => configuration[key] switch
    {
        null or "" => fallback,
        var v when bool.TryParse(v, out var b) => b,
        var v => throw new ArgumentException($"Setting {key} is true or false, not '{v}'."),
    };
}
