using Firmware.Application.Decisions;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Receiving;

/// <summary>
/// The OBU's receive pipeline (patent fig. 8 with the IEEE 1609.2 receiver checks): one stage per check, in
/// the order of <see cref="ReceiveStage"/> (Docs/trust-decisions.md), each ending the frame's way with a typed
/// <see cref="ReceiveReason"/> or passing it on; the decision table decides how far to act on a frame that
/// passes them all. Fails closed: anything it cannot verify is rejected. A rejected frame changes no trust or
/// replay state (no certificate cached, no replay window moved; only the bounded memory of failures learns from
/// it); a frame signed with an unknown digest waits, bounded in number and time, for a certificate-bearing
/// message from that signer or the certificate fetched from the PKI by HashedId8. Every decision is logged, kept
/// in <see cref="Recent"/> and raised as <see cref="Decided"/>.
/// <para>
/// Thread-safe and parallel: frames run on every core at once (<see cref="Process"/> from many threads, or
/// <see cref="Submit"/> into the bounded intake, from which <see cref="RunAsync"/>'s workers decode and admit
/// frames in arrival order to the bounded, prioritised receive queue they drain); signatures and chains are verified
/// outside any lock, the trust and replay state is read and changed under one short lock, and a signer's frames are
/// decided, and their decisions raised, in the order they entered (<see cref="SignerTurns"/>). Docs/trust-decisions.md, "Under load", says what it does when overloaded.
/// </para>
/// </summary>
public sealed partial class ReceivePipeline : IDisposable
{
    // A thread's list of the decisions of the frame it runs (RunInTurn), kept for its next frame.
    [ThreadStatic]
    private static List<ReceiveResult>? t_decided;

    private readonly ReceiverOptions _options;
    private readonly ReceiveLoadOptions _load;
    private readonly Lock _gate = new();
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SignerTurns _turns = new();
    private readonly CertificateFailures _failedCertificates;
    private readonly SignatureBackoff _backoff;

    /// <summary>Builds the pipeline.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public ReceivePipeline(ReceiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _load = options.Load;
        _log = options.Logger ?? NullLogger.Instance;
        Replay = new ReplayGuard(options.Replay);
        Recent = new DecisionFeed(options.RecentDecisions);
        _failedCertificates = new CertificateFailures(_load.FailedCertificates);
        _backoff = new SignatureBackoff(_load.BackoffTickets, _load.BackoffThreshold, _load.BackoffHalfLife, _load.BackoffScoreCap,
            _load.BackoffSamplesPerSecond, _load.BackoffSampleBurst);
        _unverifiedSeen = new DuplicateCache(options.Replay.MaxRecentMessages, options.Replay.RecentWindow);
        _sightings = new LruTable<HashedId8, int>(_load.DigestSightings);
        _queue = new ReceiveQueue(_load.QueueCapacity, _load.QueuePerSigner, seed: Draw(int.MaxValue));
        _shedMemory = new DuplicateCache(_load.ShedMemory, options.Replay.RecentWindow);
    }

    // The subscribers, as arrays replaced whole on (un)subscription: a decision is handed to each in turn, alone, so
    // one that throws neither stops the others nor the worker that raised it (see Publish).
    private Action<ReceiveResult>[] _decided = [];
    private Action<HashedId8>[] _newSigner = [];

    /// <summary>
    /// Every decision, after it is logged and added to <see cref="Recent"/>: raised outside the pipeline's lock but
    /// inside the signer's turn (so in arrival order per signer); a handler must not process a frame of the same
    /// signer synchronously, and should return quickly (a worker waits for it). A handler that throws is logged and
    /// counted (<see cref="ReceiveStatistics.HandlerFaults"/>); the other handlers and the pipeline carry on.
    /// </summary>
    public event Action<ReceiveResult>? Decided
    {
        add => Subscribe(ref _decided, value);
        remove => Unsubscribe(ref _decided, value);
    }

    /// <summary>The first accepted message of a ticket not heard before (ETSI TS 103 097 v2.1.1 §7.1.1: a new neighbour). Handlers are isolated as for <see cref="Decided"/>.</summary>
    public event Action<HashedId8>? NewSigner
    {
        add => Subscribe(ref _newSigner, value);
        remove => Unsubscribe(ref _newSigner, value);
    }

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

    /// <summary>What the pipeline spent (verifications) and saved (back-off, negative cache, shedding).</summary>
    public ReceiveStatistics Statistics { get; } = new();

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

    /// <summary>The sizes of the bounded memories of failures: certificates refused, tickets with bad signatures.</summary>
    public (int FailedCertificates, int BackoffTickets) FailureMemory
    {
        get
        {
            lock (_gate)
            {
                return (_failedCertificates.Count, _backoff.Count);
            }
        }
    }

    /// <summary>Whether a ticket is backed off now (its frames verified only by sampling or with spare capacity).</summary>
    public bool IsBackedOff(HashedId8 ticket)
    {
        lock (_gate)
        {
            return _backoff.IsBackedOff(ticket, _options.Clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Runs one received frame through every stage on the calling thread (concurrent calls run in parallel).
    /// Returns its result (deferred frames are decided later, through <see cref="Decided"/>); frames that were
    /// waiting for a certificate this frame brought are decided in the same call.
    /// </summary>
    public ReceiveResult Process(ReadOnlyMemory<byte> frame, string source = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = _options.Clock.GetUtcNow();
        var decided = new List<ReceiveResult>(1);
        lock (_gate)
        {
            SweepLocked(now, decided);
        }

        Publish(decided);
        var pending = Admit(frame, source, now, now, out var refused, _options.ArrivalClock.GetTimestamp());
        if (pending is null)
        {
            Publish([refused!]);
            return refused!;
        }

        return Run(pending);
    }

    /// <summary>Rejects the waiting frames whose wait has run out; returns how many.</summary>
    public int Sweep()
    {
        var decided = new List<ReceiveResult>();
        lock (_gate)
        {
            SweepLocked(_options.Clock.GetUtcNow(), decided);
        }

        var count = decided.Count;
        Publish(decided);
        return count;
    }

    /// <summary>
    /// Admits a certificate from outside the air (the PKI, configuration): a CA certificate is validated under
    /// the root, a ticket's chain is validated now; frames waiting for it are decided.
    /// </summary>
    /// <exception cref="TrustException">The certificate does not validate (its issuer unknown, a broken chain).</exception>
    public void AddCertificate(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var released = new List<(PendingFrame, SignerTurns.Turn)>();
        try
        {
            lock (_gate)
            {
                AdmitLocked(certificate, _options.Clock.GetUtcNow(), released, throwOnFailure: true);
            }
        }
        finally
        {
            RunReleased(released);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        lock (_queueLock)
        {
            Monitor.PulseAll(_queueLock);
        }

        _stop.Dispose();
    }

    // A uniform draw in [0, bound) from the receiver's random source (under the gate, or at construction).
    private int Draw(int bound)
    {
        Span<byte> octets = stackalloc byte[4];
        _options.Random.Fill(octets);
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(octets) % (uint)bound);
    }

    // Decode (stage 1) and the facts every later decision reports; null with the refusal when the frame goes no further.
    private PendingFrame? Admit(ReadOnlyMemory<byte> frame, string source, DateTimeOffset receivedAt, DateTimeOffset now, out ReceiveResult? refused, long arrival = 0)
    {
        DecodedFrame d;
        try
        {
            d = FrameDecoder.Decode(frame);
        }
        catch (DecodeException e)
        {
            refused = Reject(Arrived(now, receivedAt, source, arrival), ReceiveStage.Decode, ReceiveReason.Malformed, $"{e.FieldPath} at octet {e.ByteOffset}: {e.Reason}");
            return null;
        }
        catch (FrameRejectedException e)
        {
            refused = Reject(Arrived(now, receivedAt, source, arrival), ReceiveStage.Decode, e.Reason, e.Message);
            return null;
        }

        // One result object for the decoded facts (not one per field group: fewer allocations per message).
        var facts = new ReceiveResult
        {
            DecidedAt = now,
            ReceivedAt = receivedAt,
            Arrival = arrival,
            Source = source,
            Outcome = ReceiveOutcome.Rejected,
            Stage = ReceiveStage.Decode,
            Reason = ReceiveReason.None,
            Decision = TrustDecision.Discard,
            Psid = d.Psid,
            StationId = d.StationId,
            GenerationTime = d.Header.GenerationTime!.Value.ToUtc(),
            ReportLevel = d.Report?.Level,
            Counter = d.Report?.MessageCounter,
        };

        // 1 (cont.) The station's own message reflected back: its recent tickets, its GN addresses (both signed),
        // whatever the unsigned Ethernet source says (EN 302 636-4-1 §10.2.1.5). Checked before any ECDSA.
        if (_options.Own is { } own)
        {
            if (d.SignerDigest is { } mine && own.IsOwnSigner(mine))
            {
                refused = Reject(facts with { Signer = mine }, ReceiveStage.Decode, ReceiveReason.OwnMessage, $"signed by this station's own ticket {mine}");
                return null;
            }

            if (d.SourceMid is { } mid && own.IsOwnAddress(mid))
            {
                refused = Reject(facts, ReceiveStage.Decode, ReceiveReason.OwnMessage, $"from this station's own GeoNetworking address (MID {mid})");
                return null;
            }
        }

        // ITS messages name one ticket, by digest or carried (TS 103 097 v2.1.1 §7.1): that ticket's HashedId8 orders them.
        if (d.SignerDigest is not { } key)
        {
            var named = d.Signed.Signer;
            refused = Reject(facts, ReceiveStage.Signer, ReceiveReason.UnsupportedSigner,
                $"signer {named.Kind} with {named.Certificates.Count} certificate(s): ITS messages name one ticket (TS 103 097 v2.1.1 §7.1)");
            return null;
        }

        refused = null;
        return new PendingFrame(frame, d, facts, key) { Actionable = !_load.AwarenessOnly.Contains(d.Psid) };
    }

    // What is known of a frame that did not decode: when and where from.
    private static ReceiveResult Arrived(DateTimeOffset now, DateTimeOffset receivedAt, string source, long arrival) => new()
    {
        DecidedAt = now,
        ReceivedAt = receivedAt,
        Arrival = arrival,
        Source = source,
        Outcome = ReceiveOutcome.Rejected,
        Stage = ReceiveStage.Decode,
        Reason = ReceiveReason.None,
        Decision = TrustDecision.Discard,
    };

    // Runs a frame in its signer's turn: the stages, the frames it releases, and the publication of every decision.
    private ReceiveResult Run(PendingFrame pending)
    {
        return RunInTurn(pending, _turns.Take(pending.Key));
    }

    private ReceiveResult RunInTurn(PendingFrame pending, SignerTurns.Turn turn)
    {
        SignerTurns.Wait(turn);

        // The thread's list of decisions, reused frame after frame (a subscriber running a frame from its handler gets a new one).
        var decided = t_decided ?? new List<ReceiveResult>(1);
        t_decided = null;
        try
        {
            var result = Evaluate(pending, decided);
            Publish(decided);
            return result;
        }
        finally
        {
            _turns.Leave(turn);
            decided.Clear();
            t_decided = decided;
        }
    }

    // Frames released by a certificate admitted outside a frame (the PKI, configuration): each in its signer's turn,
    // taken under the gate in release order.
    private void RunReleased(List<(PendingFrame Frame, SignerTurns.Turn Turn)> released)
    {
        foreach (var (frame, turn) in released)
        {
            RunInTurn(frame, turn);
        }
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

            foreach (var handler in Volatile.Read(ref _decided))
            {
                Raise(handler, r, nameof(Decided));
            }

            if (r.IsAccepted && r.FirstFromSigner && r.Signer is { } signer)
            {
                foreach (var handler in Volatile.Read(ref _newSigner))
                {
                    Raise(handler, signer, nameof(NewSigner));
                }
            }
        }

        decided.Clear();
    }
}
