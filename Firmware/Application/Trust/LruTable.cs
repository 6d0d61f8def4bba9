namespace Firmware.Application.Trust;

/// <summary>
/// A bounded map whose least recently used entry leaves first when it is full: the shape of every memory the
/// receiver keeps about things heard off the air (failed certificates, bad-signature counts, unknown digests),
/// so that none of them grows with what an attacker sends. Not thread-safe: the receive pipeline's gate guards it.
/// </summary>
internal sealed class LruTable<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _index;
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();

    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1.</exception>
    public LruTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _index = new Dictionary<TKey, LinkedListNode<(TKey, TValue)>>(Math.Min(capacity, 1024));
    }

    public int Capacity { get; }

    public int Count => _index.Count;

    /// <summary>Entries pushed out because the table was full.</summary>
    public long Evictions { get; private set; }

    /// <summary>The value, moved to the front (most recently used).</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (_index.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The value without touching the order.</summary>
    public bool TryPeek(TKey key, out TValue value)
    {
        if (_index.TryGetValue(key, out var node))
        {
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Sets the value and moves it to the front; the least recently used entry leaves when the table is full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_index.TryGetValue(key, out var node))
        {
            node.Value = (key, value);
            _order.Remove(node);
            _order.AddFirst(node);
            return;
        }

        if (_index.Count >= Capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _index.Remove(last.Value.Key);
            Evictions++;
        }

        _index[key] = _order.AddFirst((key, value));
    }

    public bool Remove(TKey key)
    {
        if (!_index.Remove(key, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }
}
