using System.Text.Json;
using Hardware.Storage;

namespace Hardware.Simulated;

/// <summary>A small list kept as JSON under one key of a durable store (the simulated board's state that survives restarts).</summary>
/// <typeparam name="T">Element type (a record System.Text.Json can round-trip).</typeparam>
public sealed class PersistedList<T>
{
    private readonly IDurableStore _store;
    private readonly string _key;
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private List<T> _items;

    /// <summary>Loads the list (empty when the key has no value).</summary>
    /// <exception cref="StorageException">The stored value is not a valid list.</exception>
    public PersistedList(IDurableStore store, string key, int capacity = 32)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreKeys.Validate(key);
        _store = store;
        _key = key;
        _capacity = capacity;
        var bytes = store.Read(key);
        try
        {
            _items = bytes is null ? [] : JsonSerializer.Deserialize<List<T>>(bytes) ?? [];
        }
        catch (JsonException e)
        {
            throw new StorageException($"Stored list '{key}' is not valid JSON.", e);
        }
    }

    /// <summary>A copy of the items.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                return _items.ToList();
            }
        }
    }

    /// <summary>Appends an item built from the current count and stores the list durably.</summary>
    public T Add(Func<IReadOnlyList<T>, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_lock)
        {
            var item = create(_items);
            var next = _items.Append(item).TakeLast(_capacity).ToList();
            _store.Write(_key, JsonSerializer.SerializeToUtf8Bytes(next));
            _items = next;
            return item;
        }
    }

    /// <summary>Replaces items matching a predicate (or appends) and stores the list durably.</summary>
    public void Upsert(Func<T, bool> match, T item)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_lock)
        {
            var next = _items.Where(i => !match(i)).Append(item).TakeLast(_capacity).ToList();
            _store.Write(_key, JsonSerializer.SerializeToUtf8Bytes(next));
            _items = next;
        }
    }
}
