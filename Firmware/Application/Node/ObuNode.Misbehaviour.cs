using Firmware.Application.Decisions;
using Firmware.Application.Misbehaviour;
using Firmware.Application.Misbehaviour.Reporting;
using Firmware.Application.Posture;
using Firmware.Application.Provisioning;
using Firmware.Application.Receiving;
using Firmware.Application.Sending;
using Microsoft.Extensions.Logging;
using V2x.Integrity;
using V2x.Security;

namespace Firmware.Application.Node;

public sealed partial class ObuNode
{
    private IntegrityLevel _reportedLevel = IntegrityLevel.NoAnomaly;

    /// <summary>The local misbehaviour detection on the accepted messages (Docs/misbehaviour.md).</summary>
    public LocalMisbehaviourDetector Misbehaviour { get; }

    /// <summary>The misbehaviour reports to the authority (findings and own anomalies), when configured.</summary>
    public MisbehaviourReporter? Reporter { get; }

    /// <summary>The posture poller, when a posture server is configured (Docs/posture.md).</summary>
    public PosturePoller? Posture { get; }

    /// <summary>The watch for the station's own certificates on the CRLs (patent ¶167), when the node refreshes CRLs.</summary>
    public OwnRevocationWatch? OwnRevocations { get; }

    private (MisbehaviourReporter?, PosturePoller?, OwnRevocationWatch?) BuildLoops(ObuNodeOptions options, ILoggerFactory loggers)
    {
        MisbehaviourReporter? reporter = null;
        if (options.MisbehaviourQueue is { } queue && options.Provisioning is { } provisioning)
        {
            reporter = new MisbehaviourReporter(new MisbehaviourReporterOptions
            {
                Partition = options.Partition,
                Queue = queue,
                Pki = provisioning.Client,
                Clock = options.Clock,
                Random = options.Random,
                Interval = options.MisbehaviourReportInterval,
                InitialBackoff = options.MisbehaviourReportInterval,
                MaxBackoff = options.MisbehaviourReportInterval * 16,
                Logger = loggers.CreateLogger($"Obu.{options.Name}.Misbehaviour"),
            });
            Misbehaviour.Found += reporter.Report;
            Sender.Sent += OnSent;
        }

        PosturePoller? posture = null;
        if (options.PostureServer is { } server)
        {
            posture = new PosturePoller(new PosturePollerOptions
            {
                Partition = options.Partition,
                Server = server,
                Enrolment = () => options.Provisioning?.EnrolmentSigner,
                Clock = options.Clock,
                Period = options.PosturePeriod,
                Logger = loggers.CreateLogger($"Obu.{options.Name}.Posture"),
            });
        }

        OwnRevocationWatch? watch = null;
        if (_crls is { } crls)
        {
            watch = new OwnRevocationWatch(options.Partition, Receiver.Revocations, options.Provisioning, options.StationId, loggers.CreateLogger($"Obu.{options.Name}.Revocation"));
            crls.Refreshed += installed => _ = CheckOwnRevocationAsync(watch);
        }

        return (reporter, posture, watch);
    }

    private async Task DisposeLoopsAsync()
    {
        if (Posture is not null)
        {
            await Posture.DisposeAsync().ConfigureAwait(false);
        }

        if (Reporter is not null)
        {
            Misbehaviour.Found -= Reporter.Report;
            await Reporter.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The one mitigation of a finding (Docs/misbehaviour.md): a DENM from a ticket with a recent finding is acted on at
    // most as "prepare only". The frame stays accepted; only how far the EEBL application acts changes.
    private ReceiveResult Mitigate(ReceiveResult result, ObservedMessage observed)
    {
        if (observed.Psid != Psid.Denm || result.Decision is not { } decision || !Misbehaviour.IsSuspect(observed.Signer, observed.ReceivedAt)
            || DecisionTable.Worse(decision, TrustDecision.PrepareOnly) == decision)
        {
            return result;
        }

        _log.LogInformation("{Node}: DENM of {Signer} acted on as prepare only (local misbehaviour finding about it)", Name, observed.Signer);
        return result with { Decision = TrustDecision.PrepareOnly, Detail = result.Detail + "; mitigated: local misbehaviour finding about the sender" };
    }

    // Fig. 7, message 720: the station's own anomaly goes to the misbehaviour authority once per rise of the level.
    private void OnSent(SendResult sent)
    {
        bool rose;
        lock (_lock)
        {
            rose = sent.Level > _reportedLevel;
            _reportedLevel = sent.Level;
        }

        if (rose)
        {
            Reporter?.ReportOwnAnomaly();
        }
    }

    private (double Latitude, double Longitude)? OwnPosition()
    {
        var fix = _options.Position.Read();
        return fix.IsValid ? (fix.LatitudeDegrees, fix.LongitudeDegrees) : null;
    }

    private async Task CheckOwnRevocationAsync(OwnRevocationWatch watch)
    {
        try
        {
            await watch.CheckAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SecurePartition.PartitionException or SecurePartition.Protocol.ProtocolException)
        {
            _log.LogWarning("{Node}: own-revocation check failed: {Error}", Name, e.Message);
        }
    }
}
