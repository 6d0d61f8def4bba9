using Firmware.Application.Replay;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // Frames a worker takes from the intake and decodes in one go (a worker that admitted a batch runs a queued frame
    // next, so verification always makes progress however fast frames arrive).
    private const int AdmitBatch = 32;

    // The intake between the radio and admission: octets in arrival order, bounded (IntakeCapacity), under the queue
    // lock. Workers take batches of it in arrival order (each numbered) and decode them in parallel, outside any lock;
    // a decoded batch waits in _decodedBatches for its turn, and one worker at a time (_admitting) admits the batches
    // in their numbers' order, so frames reach the receive queue in arrival order and admission's serial share is the
    // gate's refusal checks and the queue, not the decoding.
    private readonly Queue<IntakeFrame> _intake = new();
    private readonly Dictionary<long, IntakeBatch> _decodedBatches = [];
    private readonly Stack<IntakeBatch> _spareBatches = new();
    private long _batchesTaken;
    private long _nextToAdmit;
    private bool _admitting;

    /// <summary>Frames taken off the radio that no worker has taken to decode and admit yet.</summary>
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
        var entry = new IntakeFrame(frame.ToArray(), source, receivedAt ?? _options.Clock.GetUtcNow(), _options.ArrivalClock.GetTimestamp());
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
        var dropped = Admit(entry.Octets, entry.Source, entry.ReceivedAt, now, out var refused, entry.Arrival);
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

    // Under the queue lock: the next batch of the intake's oldest frames (up to AdmitBatch), numbered in arrival order,
    // for the caller to decode (DecodeBatch) and hand back (ParkDecodedLocked); null when the intake is empty.
    private IntakeBatch? TakeIntakeLocked()
    {
        if (_intake.Count == 0)
        {
            return null;
        }

        var batch = _spareBatches.TryPop(out var spare) ? spare : new IntakeBatch();
        batch.Sequence = _batchesTaken++;
        while (batch.Count < AdmitBatch && _intake.TryDequeue(out var entry))
        {
            batch.Frames[batch.Count++] = entry;
        }

        return batch;
    }

    // Outside any lock: stage 1 of each frame of a batch (decode, the own-message check, the signer named), the part of
    // admission that reads nothing another worker changes; several workers decode batches at once. `Decoded` counts
    // the frames done, so a batch whose decoding failed midway is still admitted up to there (ParkDecodedLocked).
    private void DecodeBatch(IntakeBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch.Frames[i];
            var now = _options.Clock.GetUtcNow();
            batch.Pending[i] = Admit(entry.Octets, entry.Source, entry.ReceivedAt, now, out batch.Refused[i], entry.Arrival);
            batch.Decoded = i + 1;
        }
    }

    // Under the queue lock: a decoded batch waits for its turn at admission (the batches before it first).
    private void ParkDecodedLocked(IntakeBatch batch)
    {
        batch.Count = batch.Decoded;
        _decodedBatches.Add(batch.Sequence, batch);
    }

    // Under the queue lock: whether a decoded batch is next to admit and nobody is admitting.
    private bool CanAdmitLocked() => !_admitting && _decodedBatches.ContainsKey(_nextToAdmit);

    // Under the queue lock: the next decoded batch in arrival order when nobody is admitting (the caller admits it and
    // then calls AdmittedLocked); null otherwise.
    private IntakeBatch? TakeAdmissionTurnLocked()
    {
        if (_admitting || !_decodedBatches.Remove(_nextToAdmit, out var batch))
        {
            return null;
        }

        _admitting = true;
        return batch;
    }

    // Under the queue lock: the batch is admitted (or its admitting worker failed); the next may be admitted.
    private void AdmittedLocked(IntakeBatch batch)
    {
        _nextToAdmit++;
        _admitting = false;
        batch.Clear();
        _spareBatches.Push(batch);
    }

    // Admits a decoded batch, in arrival order (the caller holds the admission turn): the refusals of stage 1, the
    // refusals on arrival under the gate, and the queue (which may shed). Each refusal is raised as it is decided.
    private void AdmitDecoded(IntakeBatch batch)
    {
        var decided = new List<ReceiveResult>(1);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch.Pending[i];
            if (pending is null)
            {
                decided.Add(batch.Refused[i]!);
                Publish(decided);
                continue;
            }

            // The gate only for what the refusal reads (the verifying workers take it twice per frame); the queue and
            // the memory of shed frames under their own locks, never inside the gate.
            var now = _options.Clock.GetUtcNow();
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
    private readonly record struct IntakeFrame(byte[] Octets, string Source, DateTimeOffset ReceivedAt, long Arrival);

    // Up to AdmitBatch consecutive frames of the intake, numbered in arrival order, and what stage 1 made of each (a
    // frame to queue, or its refusal). Reused (_spareBatches): a batch allocates nothing per frame.
    private sealed class IntakeBatch
    {
        public IntakeFrame[] Frames { get; } = new IntakeFrame[AdmitBatch];

        public PendingFrame?[] Pending { get; } = new PendingFrame?[AdmitBatch];

        public ReceiveResult?[] Refused { get; } = new ReceiveResult?[AdmitBatch];

        public long Sequence { get; set; }

        public int Count { get; set; }

        public int Decoded { get; set; }

        public void Clear()
        {
            Array.Clear(Frames);
            Array.Clear(Pending);
            Array.Clear(Refused);
            Count = 0;
            Decoded = 0;
        }
    }
}
