using Hardware.Storage;

namespace Hardware.Security;

/// <summary>
/// HSM tamper as a PKCS#11 token can show it (<see cref="Pkcs11KeyStore.CheckToken"/>): the token
/// removed or missing, replaced by another, or refusing the store's login. Each check that finds a new
/// problem is a tamper event; the latch stays set for the life of the process (the integrity detection
/// function persists its own tamper latch across restarts). Sequences continue across restarts
/// (<see cref="SequenceEpoch"/>). Each read checks the token once, at most every <see cref="MinimumInterval"/>.
/// </summary>
public sealed class Pkcs11TamperSensor : ITamperSensor
{
    private const string EpochKey = "hsm.tamper.epoch";
    private readonly Pkcs11KeyStore _store;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly List<TamperEvent> _events = [];
    private long _sequence;
    private string? _lastProblem;
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;

    /// <summary>Watches the token of <paramref name="store"/>.</summary>
    public Pkcs11TamperSensor(Pkcs11KeyStore store, IDurableStore storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _sequence = SequenceEpoch.Begin(storage, EpochKey);
    }

    /// <summary>Shortest time between two token checks (the per-message check reads the sensor for every message).</summary>
    public TimeSpan MinimumInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public bool IsLatched
    {
        get
        {
            lock (_lock)
            {
                Check();
                return _events.Count > 0;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TamperEvent> ReadSince(long afterSequence)
    {
        lock (_lock)
        {
            Check();
            return _events.Where(e => e.Sequence > afterSequence).ToList();
        }
    }

    private void Check()
    {
        var now = _time.GetUtcNow();
        if (now - _lastCheck < MinimumInterval && _lastCheck != DateTimeOffset.MinValue)
        {
            return;
        }

        _lastCheck = now;
        string? problem;
        try
        {
            problem = _store.CheckToken();
        }
        catch (ObjectDisposedException)
        {
            problem = "the key store is closed";
        }

        if (problem is not null && problem != _lastProblem)
        {
            _events.Add(new TamperEvent(++_sequence, now, "pkcs11: " + problem));
        }

        _lastProblem = problem;
    }
}
