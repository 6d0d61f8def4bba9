using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Receiving;

/// <summary>
/// The OBU's receive pipeline (patent fig. 8 with the IEEE 1609.2 receiver checks): one stage per check, in
/// the order of <see cref="ReceiveStage"/> (Docs/trust-decisions.md), each ending the frame's way with a typed
/// <see cref="ReceiveReason"/> or passing it on; the decision table decides how far to act on a frame that
/// passes them all. Fails closed: anything it cannot verify is rejected. A rejected frame changes no state
/// (no certificate cached, no replay window moved); a frame signed with an unknown digest waits, bounded in
/// number and time, for a certificate-bearing message from that signer or the certificate fetched from the
/// PKI by HashedId8. Every decision is logged, kept in <see cref="Recent"/> and raised as <see cref="Decided"/>.
/// Thread-safe (frames are processed one at a time).
/// </summary>
public sealed partial class ReceivePipeline : IDisposable
{
    private readonly ReceiverOptions _options;
    private readonly Lock _gate = new();
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Builds the pipeline.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public ReceivePipeline(ReceiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
        Replay = new ReplayGuard(options.Replay);
        Recent = new DecisionFeed(options.RecentDecisions);
    }

    /// <summary>Every decision, after it is logged and added to <see cref="Recent"/> (raised outside the pipeline's lock).</summary>
    public event Action<ReceiveResult>? Decided;

    /// <summary>The first accepted message of a ticket not heard before (ETSI TS 103 097 v2.1.1 §7.1.1: a new neighbour).</summary>
    public event Action<HashedId8>? NewSigner;

    /// <summary>The options.</summary>
    public ReceiverOptions Options => _options;

    /// <summary>The trust anchor and validated certificates.</summary>
    public TrustStore Trust => _options.Trust;

    /// <summary>The revoked certificates.</summary>
    public RevocationSet Revocations => _options.Revocations;

    /// <summary>The replay state.</summary>
    public ReplayGuard Replay { get; }

    /// <summary>The recent decisions (the bench's live table reads it).</summary>
    public DecisionFeed Recent { get; }

    /// <summary>Frames waiting for a certificate now.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waitingCount;
            }
        }
    }

    /// <summary>
    /// Runs one received frame through every stage. Returns its result (deferred frames are decided later,
    /// through <see cref="Decided"/>); frames that were waiting for a certificate this frame brought are
    /// decided in the same call.
    /// </summary>
    public ReceiveResult Process(ReadOnlyMemory<byte> frame, string source = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        var decided = new List<ReceiveResult>(1);
        ReceiveResult result;
        lock (_gate)
        {
            var now = _options.Clock.GetUtcNow();
            SweepLocked(now, decided);
            result = Evaluate(frame, source, now, now, null, decided);
        }

        Publish(decided);
        return result;
    }

    /// <summary>Rejects the waiting frames whose wait has run out; returns how many.</summary>
    public int Sweep()
    {
        var decided = new List<ReceiveResult>();
        lock (_gate)
        {
            SweepLocked(_options.Clock.GetUtcNow(), decided);
        }

        Publish(decided);
        return decided.Count;
    }

    /// <summary>
    /// Admits a certificate from outside the air (the PKI, configuration): a CA certificate is validated under
    /// the root, a ticket's chain is validated now; frames waiting for it are decided.
    /// </summary>
    /// <exception cref="TrustException">The certificate does not validate (its issuer unknown, a broken chain).</exception>
    public void AddCertificate(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var decided = new List<ReceiveResult>();
        try
        {
            lock (_gate)
            {
                AdmitLocked(certificate, _options.Clock.GetUtcNow(), decided, throwOnFailure: true);
            }
        }
        finally
        {
            Publish(decided);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Publish(List<ReceiveResult> decided)
    {
        foreach (var r in decided)
        {
            Recent.Add(r);
            if (_log.IsEnabled(LogLevel.Information))
            {
                ReceiveLog.Decided(_log, _options.Name, r.Outcome, r.Stage, r.Reason, r.Decision, r.Row, r.Signer?.ToString(), r.Psid?.Value, r.StationId,
                    r.ReportLevel, r.Counter, r.Assurance, r.Source, r.Detail);
            }

            Decided?.Invoke(r);
            if (r.IsAccepted && r.FirstFromSigner && r.Signer is { } signer)
            {
                NewSigner?.Invoke(signer);
            }
        }
    }
}
