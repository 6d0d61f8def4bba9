using Firmware.Application.Replay;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // Frames a worker decodes and admits in one go before it looks at the queue again (a worker that admitted a batch
    // runs a queued frame next, so verification always makes progress however fast frames arrive).
    private const int AdmitBatch = 32;

    // The intake between the radio and admission: octets in arrival order, bounded (IntakeCapacity), under the queue
    // lock. One worker at a time admits from it (_admitting), so frames reach the receive queue in arrival order.
    private readonly Queue<IntakeFrame> _intake = new();
    private bool _admitting;

    /// <summary>Frames taken off the radio and not yet decoded and admitted to the receive queue.</summary>
    public int IntakeDepth
    {
        get
        {
            lock (_queueLock)
            {
                return _intake.Count;
            }
        }
    }

    /// <summary>
    /// Takes a frame off the radio (Docs/trust-decisions.md, "Under load"): the octets are copied, with the source
    /// and arrival time, into the bounded intake in arrival order, and the call returns; it decodes nothing. The
    /// workers of <see cref="RunAsync"/> (or <see cref="ProcessQueued"/>) decode and admit the intake's frames in
    /// arrival order (stage 1, then refused at once when an exact copy of a message accepted, decided unverified or
    /// shed already, or of a certificate remembered as failed; otherwise queued in its signer's lane, possibly
    /// shedding another frame) and run the queued ones through the other stages. Every refusal, at admission or
    /// later, is raised through <see cref="Decided"/>. Returns false when the intake is full: the frame is dropped as
    /// the radio's queue overflowing (<see cref="RememberDropped"/>: counted, remembered so an exact copy arriving
    /// later is a duplicate) and decided at once, rejected with <see cref="ReceiveReason.QueueFull"/> (or its decode
    /// error).
    /// </summary>
    public bool Submit(ReadOnlyMemory<byte> frame, string source = "", DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entry = new IntakeFrame(frame.ToArray(), source, receivedAt ?? _options.Clock.GetUtcNow());
        lock (_queueLock)
        {
            if (_intake.Count < _load.IntakeCapacity)
            {
                _intake.Enqueue(entry);
                WakeWorkerLocked(takenByCaller: 0);
                return true;
            }
        }

        var now = _options.Clock.GetUtcNow();
        var dropped = Admit(entry.Octets, entry.Source, entry.ReceivedAt, now, out var refused);
        if (dropped is not null)
        {
            RememberShed(dropped, now);
            Statistics.CountRadioDropped();
            refused = Reject(dropped.Facts with { DecidedAt = now, Signer = dropped.Key }, ReceiveStage.Signer, ReceiveReason.QueueFull,
                "dropped on arrival: the receive intake is full (the radio's queue overflowed); a copy arriving later is refused as a duplicate");
        }

        Publish([refused!]);
        return false;
    }

    /// <summary>
    /// Remembers a frame dropped before it reached <see cref="Submit"/> (the radio link's own queue overflowed,
    /// <see cref="Hardware.Radio.IRadioDropReport"/>), as the receive queue remembers what it sheds: an exact copy
    /// arriving later is refused as a duplicate. A frame that does not decode is ignored.
    /// </summary>
    public void RememberDropped(ReadOnlyMemory<byte> frame)
    {
        var now = _options.Clock.GetUtcNow();
        if (Admit(frame, "", now, now, out _) is { } dropped)
        {
            RememberShed(dropped, now);
            Statistics.CountRadioDropped();
        }
    }

    // Under the queue lock: up to a batch of the intake's oldest frames for the caller to admit, unless another
    // worker is admitting (then none: admission stays in arrival order). The caller clears _admitting when done.
    private int TakeIntakeLocked(IntakeFrame[] batch)
    {
        if (_admitting || _intake.Count == 0)
        {
            return 0;
        }

        var taken = 0;
        while (taken < batch.Length && _intake.TryDequeue(out var entry))
        {
            batch[taken++] = entry;
        }

        _admitting = true;
        return taken;
    }

    // Decodes and admits a batch taken from the intake, in arrival order (the caller is the one admitting worker):
    // stage 1, the refusals on arrival, and the queue (which may shed). Each refusal is raised as it is decided.
    private void AdmitIntake(IntakeFrame[] batch, int count)
    {
        var decided = new List<ReceiveResult>(1);
        for (var i = 0; i < count; i++)
        {
            var entry = batch[i];
            batch[i] = default;
            var now = _options.Clock.GetUtcNow();
            var pending = Admit(entry.Octets, entry.Source, entry.ReceivedAt, now, out var refused);
            if (pending is null)
            {
                decided.Add(refused!);
                Publish(decided);
                continue;
            }

            // The gate only for what the refusal reads (the verifying workers take it twice per frame); the queue and
            // the memory of shed frames under their own locks, never inside the gate.
            var lane = ReceiveLane.New;
            var refusal = RefuseShedCopy(pending, now);
            lock (_gate)
            {
                SweepLocked(now, decided);
                refusal ??= Refuse(pending, now, out lane);
            }

            if (refusal is not null)
            {
                decided.Add(refusal);
                Publish(decided);
                continue;
            }

            pending.Lane = lane;
            PendingFrame? shed;
            lock (_queueLock)
            {
                shed = _queue.Add(pending);
                Statistics.ObserveQueueDepth(_queue.Count);

                // The admitting worker verifies nothing until its batch is admitted: an idle one takes the frame now.
                WakeWorkerLocked(takenByCaller: 0);
            }

            if (shed is not null)
            {
                RememberShed(shed, now);
                Statistics.CountShed();
                decided.Add(Reject(shed.Facts with { DecidedAt = now }, ReceiveStage.Signer, ReceiveReason.QueueFull,
                    $"shed by the receive queue ({shed.Lane} lane) under load; a copy arriving later is refused as a duplicate"));
            }

            Publish(decided);
        }
    }

    // Remembered, so an exact copy arriving later is a duplicate: the original left a trace.
    private void RememberShed(PendingFrame shed, DateTimeOffset now)
    {
        lock (_shedLock)
        {
            _shedMemory.Add(shed.GenerationTime, shed.SignatureR, Time64.FromUtc(now));
        }
    }

    // Under its own lock (the verifying workers never take it): an exact copy of a frame shed by the queue or dropped
    // by the radio.
    private ReceiveResult? RefuseShedCopy(PendingFrame pending, DateTimeOffset now)
    {
        lock (_shedLock)
        {
            if (!_shedMemory.Contains(pending.GenerationTime, pending.SignatureR))
            {
                return null;
            }
        }

        Statistics.CountShedCopy();
        return Reject(pending.Facts with { DecidedAt = now, Signer = pending.Key }, ReceiveStage.Replay, ReceiveReason.Duplicate, "an exact copy of a frame the receive queue shed");
    }

    // Under the gate: an exact copy of a message accepted or decided unverified already is refused before it takes a
    // queue slot (stage 6's duplicate check, early; a copy of a shed frame is refused by RefuseShedCopy); a
    // certificate the negative cache holds likewise (stage 2). Otherwise the lane: a backed-off ticket's frames go
    // last, a ticket the trust store caches first, the rest between.
    private ReceiveResult? Refuse(PendingFrame pending, DateTimeOffset now, out ReceiveLane lane)
    {
        lane = ReceiveLane.New;
        var facts = pending.Facts with { DecidedAt = now, Signer = pending.Key };
        if (Replay.Recent.Contains(pending.GenerationTime, pending.SignatureR))
        {
            return Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same generation time and signature were accepted already");
        }

        if (_unverifiedSeen.Contains(pending.GenerationTime, pending.SignatureR))
        {
            return Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same generation time and signature were decided already (unverified, verify-on-demand)");
        }

        var carried = pending.Decoded.Signed.Signer.Kind == SignerKind.Certificate;
        if (carried && !Trust.TryGetSigner(pending.Key, out _) && _failedCertificates.TryGet(pending.Key, out var failure, out var detail))
        {
            Statistics.CountRememberedFailure();
            return Reject(facts, ReceiveStage.Signer, ReasonOf(failure), $"{detail} (remembered: not validated again)");
        }

        lane = _backoff.IsBackedOff(pending.Key, now) ? ReceiveLane.Suspect
            : Trust.TryGetSigner(pending.Key, out _) ? ReceiveLane.Known
            : ReceiveLane.New;
        return null;
    }

    // A frame as the radio handed it over: its own copy of the octets, where it came from, when it arrived.
    private readonly record struct IntakeFrame(byte[] Octets, string Source, DateTimeOffset ReceivedAt);
}
