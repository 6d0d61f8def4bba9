using Firmware.Application.Composition;
using PkiProtocol.Misbehaviour;
using V2x.Security;

namespace Firmware.Application.Misbehaviour;

/// <summary>
/// Local misbehaviour detection in the receiver (patent fig. 3, ¶73-86: LMBD; detection classes after ETSI TS 103 759):
/// fed with accepted, verified messages through <see cref="Observe"/> (the narrow hook: <see cref="ObservedMessage.From"/>
/// on the receive pipeline's decisions), it checks each CAM against the sender's previous one (speed, acceleration,
/// heading change, position jump, beacon interval), against the other senders heard at the same instant and the
/// receiver's own position (two senders at one place: Sybil / ghost), and each DENM's event position against its
/// sender. Each detection is a typed <see cref="MisbehaviourFinding"/>, raised as <see cref="Found"/> outside the lock.
/// Findings never change the pipeline's accept/reject outcome; the one mitigation is <see cref="IsSuspect"/>
/// (Docs/misbehaviour.md). Bounded state (<see cref="LmbdOptions.MaxTracked"/> tracks). Thread-safe.
/// </summary>
public sealed partial class LocalMisbehaviourDetector
{
    private readonly LmbdOptions _options;
    private readonly Func<(double Latitude, double Longitude)?>? _ownPosition;
    private readonly Lock _lock = new();
    private readonly Dictionary<HashedId8, LinkedListNode<Track>> _tracks = [];
    private readonly LinkedList<Track> _recency = new();
    private readonly Dictionary<(HashedId8, MbrObservation), DateTimeOffset> _reported = [];
    private readonly long[] _counts = new long[Enum.GetValues<MbrObservation>().Length];

    /// <summary>A detector with <paramref name="options"/>; <paramref name="ownPosition"/> gives the receiver's own position (null: not checked).</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public LocalMisbehaviourDetector(LmbdOptions? options = null, Func<(double Latitude, double Longitude)?>? ownPosition = null)
    {
        _options = options ?? new LmbdOptions();
        _options.Validate();
        _ownPosition = ownPosition;
    }

    /// <summary>Every finding (after repeat suppression), raised outside the detector's lock.</summary>
    public event Action<MisbehaviourFinding>? Found;

    /// <summary>The options.</summary>
    public LmbdOptions Options => _options;

    /// <summary>Findings so far, per class (after repeat suppression).</summary>
    public IReadOnlyDictionary<MbrObservation, long> Counts
    {
        get
        {
            lock (_lock)
            {
                return Enum.GetValues<MbrObservation>().ToDictionary(o => o, o => _counts[(int)o]);
            }
        }
    }

    /// <summary>Tickets tracked now.</summary>
    public int Tracked
    {
        get
        {
            lock (_lock)
            {
                return _tracks.Count;
            }
        }
    }

    /// <summary>Checks one accepted message; returns its findings (also raised as <see cref="Found"/>).</summary>
    public IReadOnlyList<MisbehaviourFinding> Observe(ObservedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<MisbehaviourFinding> found;
        lock (_lock)
        {
            var candidates = new List<(MbrObservation, HashedId8, string, IReadOnlyList<ReadOnlyMemory<byte>>)>();
            if (message.Psid == Psid.Denm)
            {
                CheckDenm(message, candidates);
            }
            else
            {
                var previous = Remember(message, out var track);
                CheckCam(message, previous, candidates);
                CheckOverlap(message, track, candidates);
            }

            found = [];
            foreach (var (observation, subject, detail, evidence) in candidates)
            {
                if (_reported.TryGetValue((subject, observation), out var last) && message.ReceivedAt - last < _options.RepeatSuppression)
                {
                    continue;
                }

                _reported[(subject, observation)] = message.ReceivedAt;
                _counts[(int)observation]++;
                found.Add(new MisbehaviourFinding(observation, subject, message.ReceivedAt, detail, evidence, (message.Latitude, message.Longitude)));
            }

            if (_reported.Count > _options.MaxTracked * 4)
            {
                foreach (var key in _reported.Where(r => message.ReceivedAt - r.Value >= _options.RepeatSuppression).Select(r => r.Key).ToList())
                {
                    _reported.Remove(key);
                }
            }
        }

        foreach (var f in found)
        {
            Found?.Invoke(f);
        }

        return found;
    }

    /// <summary>
    /// Whether a ticket had a finding within <see cref="LmbdOptions.RepeatSuppression"/> before <paramref name="now"/>: the
    /// one mitigation (Docs/misbehaviour.md): the EEBL application acts on a DENM of a suspect ticket at most as "prepare only".
    /// </summary>
    public bool IsSuspect(HashedId8 signer, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _reported.Any(r => r.Key.Item1 == signer && now - r.Value < _options.RepeatSuppression);
        }
    }

    // The track of the message's ticket: its previous CAM (null for the first, or after the track expired), then this one.
    private ObservedMessage? Remember(ObservedMessage message, out Track track)
    {
        ObservedMessage? previous = null;
        if (_tracks.TryGetValue(message.Signer, out var node))
        {
            track = node.Value;
            _recency.Remove(node);
            if (message.ReceivedAt - track.Last.ReceivedAt <= _options.TrackExpiry && message.GenerationTime >= track.Last.GenerationTime)
            {
                previous = track.Last;
            }
            else
            {
                track.First = message.GenerationTime;
            }

            track.Last = message;
        }
        else
        {
            track = new Track(message.Signer, message, message.GenerationTime);
            node = new LinkedListNode<Track>(track);
            _tracks[message.Signer] = node;
            if (_tracks.Count > _options.MaxTracked)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _tracks.Remove(oldest.Value.Signer);
            }
        }

        _recency.AddFirst(node);
        return previous;
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2) => GeoMath.DistanceMetres(lat1, lon1, lat2, lon2);

    private sealed class Track(HashedId8 signer, ObservedMessage last, DateTimeOffset first)
    {
        public HashedId8 Signer { get; } = signer;

        public ObservedMessage Last { get; set; } = last;

        /// <summary>The generation time of the track's first message (since it last expired).</summary>
        public DateTimeOffset First { get; set; } = first;
    }
}
