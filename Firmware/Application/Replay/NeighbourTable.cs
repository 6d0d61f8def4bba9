using V2x.Security;

namespace Firmware.Application.Replay;

/// <summary>
/// The counter windows of the senders heard recently, keyed by the HashedId8 of their authorization
/// ticket (so a pseudonym change starts a new window: nothing links the two tickets, and the new
/// ticket's counter offset is unrelated to the old one). Bounded twice: at most <see cref="Capacity"/>
/// senders (the least recently heard leaves first) and none idle longer than <see cref="IdleTimeout"/>.
/// All storage is allocated up front (arrays of <see cref="Capacity"/> entries and a dictionary of that
/// size), so memory does not grow with traffic. Not thread-safe: the receive pipeline serialises calls.
/// </summary>
public sealed class NeighbourTable
{
    private const int None = -1;

    private readonly Dictionary<HashedId8, int> _index;
    private readonly Entry[] _entries;
    private int _head = None;
    private int _tail = None;
    private int _free;

    /// <summary>Creates an empty table.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1 or a timeout not above zero.</exception>
    public NeighbourTable(int capacity, TimeSpan idleTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        Capacity = capacity;
        IdleTimeout = idleTimeout;
        _index = new Dictionary<HashedId8, int>(capacity);
        _entries = new Entry[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _entries[i].Next = i + 1 < capacity ? i + 1 : None;
        }
    }

    /// <summary>Most senders tracked at once.</summary>
    public int Capacity { get; }

    /// <summary>A sender not heard for this long is forgotten.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Senders tracked now (idle ones count until they are swept or evicted).</summary>
    public int Count => _index.Count;

    /// <summary>Senders dropped so far because the table was full.</summary>
    public long Evictions { get; private set; }

    /// <summary>Classifies a sender's counter without changing anything.</summary>
    public CounterVerdict Check(HashedId8 sender, uint counter, DateTimeOffset now) =>
        Find(sender, now) is { } i ? _entries[i].Window.Check(counter) : CounterVerdict.First;

    /// <summary>The sender's window, when it is tracked and not idle past the timeout.</summary>
    public bool TryGetWindow(HashedId8 sender, DateTimeOffset now, out CounterWindow window)
    {
        if (Find(sender, now) is { } i)
        {
            window = _entries[i].Window;
            return true;
        }

        window = default;
        return false;
    }

    /// <summary>Records an accepted counter: adds the sender (evicting the least recently heard when full) or moves it to the front.</summary>
    /// <exception cref="ArgumentException">The counter is not acceptable (a duplicate or too old).</exception>
    public void Accept(HashedId8 sender, uint counter, DateTimeOffset now)
    {
        Sweep(now);
        if (!_index.TryGetValue(sender, out var i))
        {
            var window = default(CounterWindow);
            window.Accept(counter);
            i = Allocate();
            _entries[i].Key = sender;
            _entries[i].Window = window;
            _index[sender] = i;
        }
        else
        {
            _entries[i].Window.Accept(counter);
            Unlink(i);
        }

        _entries[i].LastSeenTicks = now.UtcTicks;
        LinkFront(i);
    }

    /// <summary>Forgets every sender idle past the timeout; returns how many.</summary>
    public int Sweep(DateTimeOffset now)
    {
        var limit = now.UtcTicks - IdleTimeout.Ticks;
        var removed = 0;
        while (_tail != None && _entries[_tail].LastSeenTicks < limit)
        {
            Remove(_tail);
            removed++;
        }

        return removed;
    }

    private int? Find(HashedId8 sender, DateTimeOffset now) =>
        _index.TryGetValue(sender, out var i) && _entries[i].LastSeenTicks >= now.UtcTicks - IdleTimeout.Ticks ? i : null;

    private int Allocate()
    {
        if (_free == None)
        {
            Remove(_tail);
            Evictions++;
        }

        var i = _free;
        _free = _entries[i].Next;
        return i;
    }

    private void Remove(int i)
    {
        Unlink(i);
        _index.Remove(_entries[i].Key);
        _entries[i] = default;
        _entries[i].Next = _free;
        _free = i;
    }

    private void Unlink(int i)
    {
        ref var e = ref _entries[i];
        if (e.Prev != None)
        {
            _entries[e.Prev].Next = e.Next;
        }
        else
        {
            _head = e.Next;
        }

        if (e.Next != None)
        {
            _entries[e.Next].Prev = e.Prev;
        }
        else
        {
            _tail = e.Prev;
        }

        e.Prev = None;
        e.Next = None;
    }

    private void LinkFront(int i)
    {
        ref var e = ref _entries[i];
        e.Prev = None;
        e.Next = _head;
        if (_head != None)
        {
            _entries[_head].Prev = i;
        }

        _head = i;
        if (_tail == None)
        {
            _tail = i;
        }
    }

    private struct Entry
    {
        public HashedId8 Key;
        public long LastSeenTicks;
        public CounterWindow Window;
        public int Prev;
        public int Next;
    }
}
