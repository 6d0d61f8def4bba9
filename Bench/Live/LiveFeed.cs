using System.Globalization;
using System.Text.Json;
using Bench.Reporting;
using Firmware.SecurePartition.Detection;
using V2x.Integrity;

namespace Bench.Live;

/// <summary>
/// The bench's one in-process stream of live events (issue 15 item 4), which the live view's server reads: the run,
/// every decision with its reasons, the trust view's changes (<see cref="TrustView"/>), where the receivers see each
/// vehicle, each OBU's integrity level and latches, the attacks as they happen, the hub's merged anomalies and the
/// bench clock. Each event is one server-sent event (its type, and JSON data whose <c>t</c> is milliseconds of the
/// bench clock since the feed's origin); a new client first gets a <c>snapshot</c> of the state so far. Stations may
/// also join and leave while the run lasts (<see cref="Joined"/>, <see cref="Left"/>: SUMO's vehicles). Publishing
/// never waits for a client (<see cref="LiveSubscription"/>). Thread-safe: receivers decide on their own threads.
/// </summary>
public sealed partial class LiveFeed
{
    /// <summary>Decisions a new client gets in its snapshot.</summary>
    public const int RecentDecisions = 100;

    /// <summary>The default bound of one client's queue (events).</summary>
    public const int DefaultClientQueue = 4096;

    private static readonly JsonSerializerOptions Json = SummaryJson.Options;
    private readonly Lock _lock = new();
    private readonly List<LiveSubscription> _clients = [];
    private readonly TrustView _trust = new();
    private readonly Queue<object> _decisions = new();
    private readonly Dictionary<string, object> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _positionAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _integrity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _integrityKey = new(StringComparer.Ordinal);
    private readonly List<object> _attacks = [];
    private readonly int _clientQueue;
    private readonly SortedDictionary<string, int[]> _replays = new(StringComparer.Ordinal);
    private object? _run;
    private object? _hub;
    private string? _hubKey;
    private object? _end;
    private double _now;
    private (double Latitude, double Longitude)? _reference;
    private long _dropped;

    /// <summary>A feed on <paramref name="clock"/> (its origin is now); each client's queue holds <paramref name="clientQueue"/> events.</summary>
    public LiveFeed(TimeProvider clock, int clientQueue = DefaultClientQueue)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(clientQueue, 16);
        Clock = clock;
        Origin = clock.GetUtcNow();
        _clientQueue = clientQueue;
    }

    /// <summary>The bench clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Time zero of every event's <c>t</c>.</summary>
    public DateTimeOffset Origin { get; }

    /// <summary>Clients connected now.</summary>
    public int Clients
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Clients dropped so far for not keeping up.</summary>
    public long DroppedClients => Interlocked.Read(ref _dropped);

    /// <summary>True once <see cref="End"/> was published.</summary>
    public bool Ended
    {
        get
        {
            lock (_lock)
            {
                return _end is not null;
            }
        }
    }

    /// <summary>A new client: its queue starts with the snapshot of the state so far (after the end: the snapshot, then closed).</summary>
    public LiveSubscription Subscribe()
    {
        var client = new LiveSubscription(_clientQueue, Remove);
        lock (_lock)
        {
            client.Offer(Chunk("snapshot", new
            {
                t = _now,
                run = _run,
                replays = Replays(),
                stations = _stations.Values.ToList(),
                vehicles = _positions.Values.ToList(),
                trust = _trust.All().Select(TrustData).ToList(),
                integrity = _integrity.Values.ToList(),
                attacks = _attacks.ToList(),
                hub = _hub,
                decisions = _decisions.ToList(),
                end = _end,
            }));
            if (_end is not null)
            {
                client.Complete();
            }
            else
            {
                _clients.Add(client);
            }
        }

        return client;
    }

    /// <summary>The run: its start, tamper and end times, the detection period and the stations (name and kind).</summary>
    public void Begin(DateTimeOffset start, DateTimeOffset end, TimeSpan detectionPeriod, IEnumerable<(string Name, SenderKind Kind)> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        lock (_lock)
        {
            _run = new
            {
                start = T(start),
                end = T(end),
                detectionPeriodMs = detectionPeriod.TotalMilliseconds,
                stations = stations.Select(s => new { name = s.Name, kind = s.Kind }).ToList(),
            };
            Publish("run", _run, start);
        }
    }

    /// <summary>
    /// One decision of a receiver (the ledger's entry) and, for an accepted frame, where its signed GeoNetworking
    /// header puts the sender (degrees; EN 302 636-4-1 §9.5.2, the source position vector).
    /// </summary>
    public void Decision(LedgerEntry entry, (double Latitude, double Longitude)? position)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var data = new
            {
                t = T(entry.DecidedAt),
                receiver = entry.Receiver,
                sender = entry.Sender,
                kind = entry.Kind,
                message = entry.Message,
                outcome = TrustView.OutcomeOf(entry),
                row = entry.Row,
                stage = entry.Stage,
                reason = entry.Reason,
                reportLevel = entry.ReportLevel,
            };
            _decisions.Enqueue(data);
            if (_decisions.Count > RecentDecisions)
            {
                _decisions.Dequeue();
            }

            Publish("decision", data, entry.DecidedAt);
            if (entry.Kind is SenderKind.ExactReplay or SenderKind.AlteredReplay)
            {
                var counts = _replays.TryGetValue(entry.Kind.ToString(), out var c) ? c : _replays[entry.Kind.ToString()] = new int[2];
                counts[0]++;
                counts[1] += entry.Outcome == Firmware.Application.Receiving.ReceiveOutcome.Rejected ? 1 : 0;
            }

            if (_trust.Record(entry) is { } trust)
            {
                Publish("trust", TrustData(trust), entry.DecidedAt);
            }

            if (position is { } p && entry.Kind is SenderKind.Obu or SenderKind.Legacy or SenderKind.Ghost && !HasLeft(entry.Sender) && Due(entry.Sender, entry.DecidedAt))
            {
                var (x, y) = Local(p.Latitude, p.Longitude);
                var vehicle = new { t = T(entry.DecidedAt), name = entry.Sender, kind = entry.Kind, x = Math.Round(x, 1), y = Math.Round(y, 1) };
                _positions[entry.Sender] = vehicle;
                Publish("position", vehicle, entry.DecidedAt);
            }
        }
    }

    /// <summary>An OBU's secure partition finished a scan: its effective level, detectors and latches (published when they change).</summary>
    public void Integrity(string obu, DateTimeOffset at, IntegrityLevel level, DetectorFlags detectors, IReadOnlyList<Latch> latches)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(obu);
        ArgumentNullException.ThrowIfNull(latches);
        var key = string.Create(CultureInfo.InvariantCulture, $"{level}|{detectors}|{string.Join(",", latches.Select(l => $"{l.Detector}:{l.Level}:{l.Since:O}"))}");
        lock (_lock)
        {
            if (_integrityKey.TryGetValue(obu, out var old) && old == key)
            {
                return;
            }

            _integrityKey[obu] = key;
            var data = new
            {
                t = T(at),
                obu,
                level,
                detectors = detectors.ToString(),
                latches = latches.Select(l => new { detector = l.Detector.ToString(), level = l.Level, since = T(l.Since), persistent = l.IsPersistent, reason = l.Reason }).ToList(),
            };
            _integrity[obu] = data;
            Publish("integrity", data, at);
        }
    }

    /// <summary>An attack as it happens: its kind (tamper, replay, …), its target and what it does.</summary>
    public void Attack(DateTimeOffset at, string kind, string target, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        lock (_lock)
        {
            var data = new { t = T(at), kind, target, detail };
            _attacks.Add(data);
            Publish("attack", data, at);
        }
    }

    /// <summary>What the hub holds: objects by type and the merged anomalies (published when they change).</summary>
    public void Hub(DateTimeOffset at, string apiRoot, IReadOnlyDictionary<string, int> objectsByType, IReadOnlyList<MergedAnomaly> anomalies)
    {
        ArgumentNullException.ThrowIfNull(objectsByType);
        ArgumentNullException.ThrowIfNull(anomalies);
        var data = new { t = T(at), apiRoot, objects = objectsByType, anomalies };
        var key = JsonSerializer.Serialize(new { objectsByType, anomalies }, Json);
        lock (_lock)
        {
            if (key == _hubKey)
            {
                return;
            }

            _hubKey = key;
            _hub = data;
            Publish("hub", data, at);
        }
    }

    /// <summary>The bench clock now (the page's time line).</summary>
    public void Tick(DateTimeOffset now)
    {
        lock (_lock)
        {
            Publish("clock", new { t = T(now), replays = Replays() }, now);
        }
    }

    /// <summary>The run ended (<paramref name="passed"/>: whether every expectation held); every client's stream closes after it.</summary>
    public void End(DateTimeOffset at, bool passed)
    {
        lock (_lock)
        {
            if (_end is not null)
            {
                return;
            }

            _end = new { t = T(at), passed };
            Publish("end", _end, at);
            foreach (var client in _clients)
            {
                client.Complete();
            }

            _clients.Clear();
        }
    }
}
