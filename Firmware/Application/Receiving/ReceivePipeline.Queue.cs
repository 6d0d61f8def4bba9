using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Hardware.Linux;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // The receive queue and what it shed; the workers wait on the queue lock (taken inside the gate, never around it;
    // admission takes it after leaving the gate; it also guards the intake). The memory of shed frames has its own
    // lock, the innermost (only admission and drops take it).
    private readonly object _queueLock = new();
    private readonly ReceiveQueue _queue;
    private readonly DuplicateCache _shedMemory;
    private readonly Lock _shedLock = new();
    private int _idleWorkers;

    // Idle workers pulsed that have not woken yet (each takes one frame, or the intake, when it does).
    private int _waking;

    // Awareness messages decided without verification (verify-on-demand): a copy of one is a duplicate.
    private readonly DuplicateCache _unverifiedSeen;

    // Per ticket, the generation time of the newest CAM this receiver accepted verified (the Superseded check, stage 6).
    // This receiver's own (a trust store, and so its signers, may serve several pipelines); it goes with the signer.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TrustedSigner, NewestCam> _newestCam = new();

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
    /// Runs the queue's workers, one per core unless told otherwise, until <paramref name="cancellationToken"/> is
    /// cancelled or the pipeline is disposed. The workers decode the intake's frames (<see cref="Submit"/>) in
    /// batches, several at once, and admit them one worker at a time, in arrival order; and each takes the next queued
    /// frame (verified neighbours first, then new certificates, then backed-off tickets; round-robin over signers) and
    /// runs it through stages 2-9. With
    /// <see cref="ReceiveLoadOptions.BindWorkersToCores"/>, each worker is bound to a CPU of its own.
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
        var cpus = _load.BindWorkersToCores ? ThreadAffinity.AllowedCpus() : [];
        var bind = cpus.Count >= count;
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var cpu = bind ? cpus[i] : -1;
            tasks[i] = Task.Factory.StartNew(() => WorkOn(cpu, cpus, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return AllStoppedAsync(tasks, registration);
    }

    // Completes when every worker stopped, with the exception of one that failed (subscribers' faults are caught in Publish).
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

    /// <summary>
    /// Decodes and admits every frame of the intake, then runs every queued frame, on the calling thread (tests,
    /// single-threaded hosts); returns how many frames it ran (frames refused or shed at admission are not counted: their decisions
    /// are raised through <see cref="Decided"/>).
    /// </summary>
    public int ProcessQueued()
    {
        var count = 0;
        while (true)
        {
            IntakeBatch? admit, decode = null;
            lock (_queueLock)
            {
                admit = TakeAdmissionTurnLocked();
                if (admit is null)
                {
                    decode = TakeIntakeLocked();
                }
            }

            if (admit is not null)
            {
                AdmitTurn(admit, comesBack: true);
                continue;
            }

            if (decode is not null)
            {
                DecodeTaken(decode);
                continue;
            }

            if (!TryTakeQueued(out var pending, out var turn))
            {
                return count;
            }

            RunTaken(pending, turn);
            count++;
        }
    }

    // A worker bound to `cpu` (none: -1) while it works, then let run on `cpus` again: the caller's continuation
    // after the workers stopped may run on the thread of the last worker to stop, and must not stay bound. Never
    // under a real-time policy: that scheduler moves a woken thread to a free core itself, and a bound worker would
    // share its core, a time slice each, with any other real-time thread of the process (the feeder of the flood
    // bench under `chrt -r 1`: message ECDSA fell from 10,300/s to 3,600/s).
    private void WorkOn(int cpu, IReadOnlyList<int> cpus, CancellationToken cancellationToken)
    {
        var bound = cpu >= 0 && !ThreadAffinity.CurrentThreadIsRealTime() && ThreadAffinity.TryBindCurrentThread(cpu);
        try
        {
            Work(cancellationToken);
        }
        finally
        {
            if (bound)
            {
                ThreadAffinity.TrySetCurrentThread(cpus);
            }
        }
    }

    // A worker: decodes batches of the intake (several workers at once), admits the decoded batches (one worker at a
    // time, in arrival order), and runs the queued frames. A decoded batch whose turn it is comes first (admission is
    // the gate's refusal checks and the queue, a microsecond or two a frame, and the queue's priorities and shedding
    // then see every frame that arrived), then decoding, but a worker that has just admitted a batch runs a ready frame
    // before it decodes again, so verification makes progress however fast frames arrive.
    private void Work(CancellationToken cancellationToken)
    {
        var justAdmitted = false;
        while (true)
        {
            PendingFrame pending = null!;
            SignerTurns.Turn turn = default;
            IntakeBatch? admit = null, decode = null;
            lock (_queueLock)
            {
                while (true)
                {
                    if (cancellationToken.IsCancellationRequested || _stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if ((admit = TakeAdmissionTurnLocked()) is not null)
                    {
                        break;
                    }

                    if ((!justAdmitted || _queue.ReadySigners == 0) && (decode = TakeIntakeLocked()) is not null)
                    {
                        break;
                    }

                    if (TryTakeQueued(out pending, out turn))
                    {
                        break;
                    }

                    justAdmitted = false;
                    _idleWorkers++;
                    Monitor.Wait(_queueLock);
                    _idleWorkers--;
                    if (_waking > 0)
                    {
                        _waking--;
                    }
                }
            }

            if (admit is not null)
            {
                AdmitTurn(admit, comesBack: true);
                justAdmitted = true;
                continue;
            }

            if (decode is not null)
            {
                DecodeTaken(decode);
                continue;
            }

            justAdmitted = false;
            RunTaken(pending, turn);
        }
    }

    // Decodes a batch taken from the intake and hands it back to wait for its turn at admission; a worker that failed
    // midway hands back what it decoded (the others admit it and the batches after it).
    private void DecodeTaken(IntakeBatch batch)
    {
        var comesBack = false;
        try
        {
            DecodeBatch(batch);
            comesBack = true;
        }
        finally
        {
            lock (_queueLock)
            {
                ParkDecodedLocked(batch);
                WakeWorkerLocked(takenByCaller: comesBack ? 1 : 0);
            }
        }
    }

    // A worker's turn at admission; afterwards the next batch may be admitted.
    private void AdmitTurn(IntakeBatch batch, bool comesBack)
    {
        var admitted = false;
        try
        {
            AdmitDecoded(batch);
            admitted = true;
        }
        finally
        {
            lock (_queueLock)
            {
                // This worker comes back for the next batch or ready frame; a worker that failed does not (the others
                // are woken for every frame).
                AdmittedLocked(batch);
                WakeWorkerLocked(takenByCaller: comesBack && admitted ? 1 : 0);
            }
        }
    }

    // Under the queue lock: wakes one idle worker when more work (ready frames, the intake) can be taken now than the caller takes itself and
    // the workers already woken will take (one each). A worker is woken only for a frame it can take: each wake-up
    // costs a context switch on a core the others are verifying on, and a worker woken for a frame another took
    // goes back to sleep having done nothing.
    private void WakeWorkerLocked(int takenByCaller)
    {
        // The intake is one unit of work (a batch to decode), and so is a decoded batch whose turn at admission it is.
        var work = _queue.ReadySigners + (_intake.Count > 0 ? 1 : 0) + (CanAdmitLocked() ? 1 : 0);
        if (_idleWorkers > _waking && work > takenByCaller + _waking)
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
                // frame itself), or by an idle one woken for the frames beyond that. A worker that failed does not
                // come back: an idle one is woken for every ready frame.
                _queue.Done(pending.Key);
                WakeWorkerLocked(takenByCaller: comesBack ? 1 : 0);
            }
        }
    }

    private sealed class NewestCam
    {
        public Time64 At;
    }
}
