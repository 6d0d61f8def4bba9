using Firmware.Application.Replay;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // The receive queue and what it shed; the workers wait on the queue lock (taken inside the gate, never around it;
    // Submit takes it after leaving the gate). The memory of shed frames has its own lock, the innermost (the workers never take it).
    private readonly object _queueLock = new();
    private readonly ReceiveQueue _queue;
    private readonly DuplicateCache _shedMemory;
    private readonly Lock _shedLock = new();
    private int _idleWorkers;

    // Idle workers pulsed that have not woken yet (each takes one frame when it does).
    private int _waking;

    // Awareness messages decided without verification (verify-on-demand): a copy of one is a duplicate.
    private readonly DuplicateCache _unverifiedSeen;

    /// <summary>Frames in the receive queue now, by lane.</summary>
    public (int Known, int New, int Suspect) QueueDepth
    {
        get
        {
            lock (_queueLock)
            {
                return (_queue.CountIn(ReceiveLane.Known), _queue.CountIn(ReceiveLane.New), _queue.CountIn(ReceiveLane.Suspect));
            }
        }
    }

    /// <summary>
    /// Takes a frame off the radio into the bounded, prioritised receive queue (Docs/trust-decisions.md, "Under
    /// load"): decoded here (stage 1), refused at once when it is an exact copy of a message accepted or shed
    /// already, and otherwise queued in its signer's lane, possibly shedding another frame; <see cref="RunAsync"/>'s
    /// workers (or <see cref="ProcessQueued"/>) run it through the other stages. Refusals are raised through
    /// <see cref="Decided"/> at once. Returns whether the frame was queued. The octets are copied.
    /// </summary>
    public bool Submit(ReadOnlyMemory<byte> frame, string source = "", DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = _options.Clock.GetUtcNow();
        var pending = Admit(frame.ToArray(), source, receivedAt ?? now, now, out var refused);
        var decided = new List<ReceiveResult>(1);
        if (pending is null)
        {
            decided.Add(refused!);
            Publish(decided);
            return false;
        }

        // The gate only for what the refusal reads (kept short: the workers take it twice per frame); the queue and
        // the memory of shed frames under their own locks, never inside the gate, so the radio's thread does not hold
        // the workers' lock while it queues and wakes one of them.
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
            return false;
        }

        pending.Lane = lane;
        PendingFrame? shed;
        bool queued;
        lock (_queueLock)
        {
            shed = _queue.Add(pending);
            queued = !ReferenceEquals(shed, pending);
            Statistics.ObserveQueueDepth(_queue.Count);
            WakeWorkerLocked(takenByCaller: 0);
        }

        if (shed is not null)
        {
            // Remembered, so an exact copy arriving later is a duplicate: the original left a trace.
            lock (_shedLock)
            {
                _shedMemory.Add(shed.GenerationTime, shed.SignatureR, Time64.FromUtc(now));
            }

            Statistics.CountShed();
            decided.Add(Reject(shed.Facts with { DecidedAt = now }, ReceiveStage.Signer, ReceiveReason.QueueFull,
                $"shed by the receive queue ({shed.Lane} lane) under load; a copy arriving later is refused as a duplicate"));
        }

        Publish(decided);
        return queued;
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
            lock (_shedLock)
            {
                _shedMemory.Add(dropped.GenerationTime, dropped.SignatureR, Time64.FromUtc(now));
            }

            Statistics.CountRadioDropped();
        }
    }

    /// <summary>
    /// Runs the queue's workers, one per core unless told otherwise, until <paramref name="cancellationToken"/> is
    /// cancelled or the pipeline is disposed. Each worker takes the next frame (verified neighbours first, then
    /// new certificates, then backed-off tickets; round-robin over signers) and runs it through stages 2-9.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one worker.</exception>
    public Task RunAsync(int? workers = null, CancellationToken cancellationToken = default)
    {
        var count = workers ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var registration = cancellationToken.Register(() =>
        {
            lock (_queueLock)
            {
                Monitor.PulseAll(_queueLock);
            }
        });
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = Task.Factory.StartNew(() => Work(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return AllStoppedAsync(tasks, registration);
    }

    // Completes when every worker stopped, with the exception of one that failed (a Decided handler that threw).
    private static async Task AllStoppedAsync(Task[] workers, CancellationTokenRegistration registration)
    {
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs every queued frame on the calling thread (tests, single-threaded hosts); returns how many.</summary>
    public int ProcessQueued()
    {
        var count = 0;
        while (TryTakeQueued(out var pending, out var turn))
        {
            RunTaken(pending, turn);
            count++;
        }

        return count;
    }

    private void Work(CancellationToken cancellationToken)
    {
        while (true)
        {
            PendingFrame pending;
            SignerTurns.Turn turn;
            lock (_queueLock)
            {
                while (true)
                {
                    if (cancellationToken.IsCancellationRequested || _stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if (TryTakeQueued(out pending, out turn))
                    {
                        break;
                    }

                    _idleWorkers++;
                    Monitor.Wait(_queueLock);
                    _idleWorkers--;
                    if (_waking > 0)
                    {
                        _waking--;
                    }
                }
            }

            RunTaken(pending, turn);
        }
    }

    // Under the queue lock: wakes one idle worker when more frames can be taken now than the caller takes itself and
    // the workers already woken will take (one each). A worker is woken only for a frame it can take: each wake-up
    // costs a context switch on a core the others are verifying on, and a worker woken for a frame another took
    // goes back to sleep having done nothing.
    private void WakeWorkerLocked(int takenByCaller)
    {
        if (_idleWorkers > _waking && _queue.ReadySigners > takenByCaller + _waking)
        {
            _waking++;
            Monitor.Pulse(_queueLock);
        }
    }

    // Takes the next frame and its signer's turn (the turn taken in queue order, so no other path overtakes it).
    private bool TryTakeQueued(out PendingFrame pending, out SignerTurns.Turn turn)
    {
        lock (_queueLock)
        {
            if (!_queue.TryTake(out pending, out var lane))
            {
                turn = default;
                return false;
            }

            // Set once, by the one worker that took it, before it runs.
            pending.Lane = lane;
            pending.Spare = lane == ReceiveLane.Suspect && _load.VerifySuspectsWithSpareCapacity;
            // Under load when the frames that would wait for this one (its lane and those served before it) pile up;
            // a backlog of backed-off tickets' frames behind it does not count.
            var ahead = 1;
            for (var l = ReceiveLane.Known; l <= lane; l++)
            {
                ahead += _queue.CountIn(l);
            }

            pending.UnderLoad = ahead >= _load.VerifyOnDemandBacklog;
            turn = _turns.Take(pending.Key);
            return true;
        }
    }

    private void RunTaken(PendingFrame pending, SignerTurns.Turn turn)
    {
        var comesBack = false;
        try
        {
            RunInTurn(pending, turn);
            comesBack = true;
        }
        finally
        {
            lock (_queueLock)
            {
                // The signer's next frame may be taken now: by this worker when it comes back (it takes the next ready
                // frame itself), or by an idle one woken for the frames beyond that. A worker whose Decided handler
                // threw does not come back: an idle one is woken for every ready frame.
                _queue.Done(pending.Key);
                WakeWorkerLocked(takenByCaller: comesBack ? 1 : 0);
            }
        }
    }

    // Under its own lock (the workers never take it): an exact copy of a frame shed by the queue or dropped by the radio.
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
    // queue slot (stage 6's duplicate check, early; a copy of a shed frame is refused by RefuseShedCopy); a certificate the negative cache holds likewise (stage 2). Otherwise the
    // lane: a backed-off ticket's frames go last, a ticket the trust store caches first, the rest between.
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
}
