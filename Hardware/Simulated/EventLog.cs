namespace Hardware.Simulated;

/// <summary>
/// A thread-safe, bounded, sequence-numbered event log: the simulated board's RAM logs (memory
/// faults, firewall drops, policy events). Sequence numbers start at 1 and never repeat; when
/// the log is full the oldest entries go, and a reader sees the gap in the numbers.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public sealed class EventLog<T>
{
    private readonly List<T> _events = [];
    private readonly Func<T, long> _sequenceOf;
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private long _lastSequence;

    /// <summary>Creates an empty log.</summary>
    public EventLog(Func<T, long> sequenceOf, int capacity = 4096, long lastSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(sequenceOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sequenceOf = sequenceOf;
        _capacity = capacity;
        _lastSequence = lastSequence;
    }

    /// <summary>Appends an event built from the next sequence number.</summary>
    public T Append(Func<long, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            var e = create(++_lastSequence);
            _events.Add(e);
            if (_events.Count > _capacity)
            {
                _events.RemoveAt(0);
            }

            return e;
        }
    }

    /// <summary>Events with a sequence number above the given one, oldest first.</summary>
    public IReadOnlyList<T> ReadSince(long afterSequence)
    {
        lock (_lock)
        {
            return _events.Where(e => _sequenceOf(e) > afterSequence).ToList();
        }
    }

    /// <summary>Every event held.</summary>
    public IReadOnlyList<T> All() => ReadSince(long.MinValue);
}
