using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>
/// The receive queue between the radio and the pipeline's workers (Docs/trust-decisions.md, "Under load"):
/// bounded in frames, in three lanes served strictly in the order of <see cref="ReceiveLane"/>, and inside a lane
/// round-robin over signers (one frame per signer per round: a fair share each, however many frames one signer
/// sends), with at most one frame per signer in flight so a signer's frames are decided in arrival order. A
/// signer's queued frames follow it to the lane of its latest frame (a ticket that becomes backed off takes its
/// queued frames down with it). When full, it sheds: from a signer past its share the oldest frame, in the
/// suspect lane a random one (a sample, so forgeries under a victim's ticket cannot push out exactly the victim's
/// frames); when the whole queue is full, from the lowest lane holding frames, the longer of two signers (from a
/// random start). Actionable and certificate-bearing frames are shed only when their signer has nothing else
/// queued. The caller remembers what was shed (an exact copy arriving later is a duplicate). Not thread-safe: the
/// pipeline holds its queue lock.
/// </summary>
internal sealed class ReceiveQueue
{
    private const int Lanes = 3;

    private readonly int _capacity;
    private readonly int _perSigner;
    private readonly Random _random;
    private readonly Dictionary<HashedId8, SignerQueue> _signers = [];
    private readonly LinkedList<SignerQueue>[] _ready = [new(), new(), new()];
    private readonly List<SignerQueue>[] _members = [[], [], []];
    private readonly int[] _laneCounts = new int[Lanes];

    /// <exception cref="ArgumentOutOfRangeException">A bound below 1.</exception>
    public ReceiveQueue(int capacity, int perSigner, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSigner, 1);
        _capacity = capacity;
        _perSigner = perSigner;
        _random = new Random(seed);
    }

    /// <summary>Frames queued now (not counting those in flight).</summary>
    public int Count { get; private set; }

    /// <summary>Frames queued in one lane.</summary>
    public int CountIn(ReceiveLane lane) => _laneCounts[(int)lane];

    /// <summary>Signers with a frame that can be taken now (queued, and no frame of theirs in flight): at most this many frames can be taken at once.</summary>
    public int ReadySigners => _ready[0].Count + _ready[1].Count + _ready[2].Count;

    /// <summary>Signers with frames queued or in flight.</summary>
    public int Signers => _signers.Count;

    /// <summary>
    /// Queues a frame in its lane (moving its signer's queued frames there too); returns the frame shed to make
    /// room (which may be this one), or null.
    /// </summary>
    public PendingFrame? Add(PendingFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!_signers.TryGetValue(frame.Key, out var q))
        {
            q = new SignerQueue(frame.Key, frame.Lane);
            _signers[frame.Key] = q;
            Join(q);
        }
        else if (q.Lane != frame.Lane)
        {
            Move(q, frame.Lane);
        }

        PendingFrame? shed = null;
        if (q.Items.Count >= _perSigner)
        {
            shed = ShedFrom(q, frame);
        }
        else if (Count >= _capacity)
        {
            var lowest = LowestOccupiedLane();
            if ((int)frame.Lane > lowest)
            {
                shed = frame;
            }
            else
            {
                var victim = LongerOfTwo(lowest);
                if ((int)q.Lane == lowest && q.Items.Count + 1 > victim.Items.Count)
                {
                    victim = q;
                }

                shed = ShedFrom(victim, victim == q ? frame : null);
                if (victim != q)
                {
                    Forget(victim);
                }
            }
        }

        if (!ReferenceEquals(shed, frame))
        {
            q.Items.Add(frame);
            Count++;
            _laneCounts[(int)q.Lane]++;
            if (!q.InFlight && q.Ready is null)
            {
                q.Ready = _ready[(int)q.Lane].AddLast(q);
            }
        }

        Forget(q);
        return shed;
    }

    /// <summary>The next frame: the first lane with a signer ready, that signer's oldest frame; its signer is then in flight.</summary>
    public bool TryTake(out PendingFrame frame, out ReceiveLane lane)
    {
        for (var l = 0; l < Lanes; l++)
        {
            if (_ready[l].First is not { } node)
            {
                continue;
            }

            var q = node.Value;
            _ready[l].RemoveFirst();
            q.Ready = null;
            frame = q.Items[0];
            q.Items.RemoveAt(0);
            Count--;
            _laneCounts[l]--;
            q.InFlight = true;
            lane = (ReceiveLane)l;
            return true;
        }

        frame = null!;
        lane = default;
        return false;
    }

    /// <summary>The signer's frame in flight was decided: its next frame may be taken (it goes to the end of its lane's round).</summary>
    public void Done(HashedId8 key)
    {
        if (!_signers.TryGetValue(key, out var q))
        {
            return;
        }

        q.InFlight = false;
        if (q.Items.Count > 0 && q.Ready is null)
        {
            q.Ready = _ready[(int)q.Lane].AddLast(q);
        }

        Forget(q);
    }

    // Sheds from one signer's frames (and the arriving one, when given): first those neither actionable nor carrying
    // the signer's certificate (its digest-signed frames may wait for that one); the suspect lane samples at random,
    // the others drop the oldest.
    private PendingFrame ShedFrom(SignerQueue q, PendingFrame? arriving)
    {
        var count = q.Items.Count + (arriving is null ? 0 : 1);
        var passive = 0;
        for (var i = 0; i < count; i++)
        {
            passive += At(q, arriving, i).Precious ? 0 : 1;
        }

        var pick = q.Lane == ReceiveLane.Suspect ? _random.Next(passive > 0 ? passive : count) : 0;
        var index = -1;
        for (var i = 0; i < count; i++)
        {
            if (passive > 0 && At(q, arriving, i).Precious)
            {
                continue;
            }

            if (pick-- == 0)
            {
                index = i;
                break;
            }
        }

        if (index == q.Items.Count)
        {
            return arriving!;
        }

        var shed = q.Items[index];
        q.Items.RemoveAt(index);
        Count--;
        _laneCounts[(int)q.Lane]--;
        if (q.Items.Count == 0 && q.Ready is not null)
        {
            _ready[(int)q.Lane].Remove(q.Ready);
            q.Ready = null;
        }

        return shed;
    }

    private static PendingFrame At(SignerQueue q, PendingFrame? arriving, int i) => i < q.Items.Count ? q.Items[i] : arriving!;

    private int LowestOccupiedLane()
    {
        for (var l = Lanes - 1; l >= 0; l--)
        {
            if (_laneCounts[l] > 0)
            {
                return l;
            }
        }

        return 0;
    }

    // Power of two choices: from a random start, the longer of the first two signers of the lane with frames queued
    // (the lane holds frames, so there is at least one).
    private SignerQueue LongerOfTwo(int lane)
    {
        var members = _members[lane];
        var start = _random.Next(members.Count);
        SignerQueue? best = null;
        var found = 0;
        for (var i = 0; i < members.Count && found < 2; i++)
        {
            var candidate = members[(start + i) % members.Count];
            if (candidate.Items.Count == 0)
            {
                continue;
            }

            found++;
            if (best is null || candidate.Items.Count > best.Items.Count)
            {
                best = candidate;
            }
        }

        return best!;
    }

    private void Join(SignerQueue q)
    {
        q.Member = _members[(int)q.Lane].Count;
        _members[(int)q.Lane].Add(q);
    }

    private void Leave(SignerQueue q)
    {
        var members = _members[(int)q.Lane];
        var last = members[^1];
        members[q.Member] = last;
        last.Member = q.Member;
        members.RemoveAt(members.Count - 1);
    }

    private void Move(SignerQueue q, ReceiveLane lane)
    {
        Leave(q);
        _laneCounts[(int)q.Lane] -= q.Items.Count;
        if (q.Ready is not null)
        {
            _ready[(int)q.Lane].Remove(q.Ready);
            q.Ready = null;
        }

        q.Lane = lane;
        _laneCounts[(int)lane] += q.Items.Count;
        Join(q);
        if (!q.InFlight && q.Items.Count > 0)
        {
            q.Ready = _ready[(int)lane].AddLast(q);
        }
    }

    // A signer with nothing queued and nothing in flight leaves the queue's books.
    private void Forget(SignerQueue q)
    {
        if (q.Items.Count == 0 && !q.InFlight)
        {
            Leave(q);
            _signers.Remove(q.Key);
        }
    }

    private sealed class SignerQueue(HashedId8 key, ReceiveLane lane)
    {
        public HashedId8 Key { get; } = key;

        public ReceiveLane Lane { get; set; } = lane;

        public List<PendingFrame> Items { get; } = [];

        public bool InFlight { get; set; }

        public LinkedListNode<SignerQueue>? Ready { get; set; }

        public int Member { get; set; }
    }
}
