using System.Collections;

namespace V2x.Per;

/// <summary>
/// An immutable list of the items of an ASN.1 SEQUENCE OF value, compared by value so that records
/// holding one compare by value too.
/// </summary>
public sealed class SequenceOf<T> : IReadOnlyList<T>, IEquatable<SequenceOf<T>>
{
    private readonly T[] _items;

    /// <summary>Copies <paramref name="items"/>.</summary>
    public SequenceOf(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
    }

    /// <summary>An empty list.</summary>
    public static SequenceOf<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(SequenceOf<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as SequenceOf<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";

    public static bool operator ==(SequenceOf<T>? left, SequenceOf<T>? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(SequenceOf<T>? left, SequenceOf<T>? right) => !(left == right);
}

/// <summary>Creates <see cref="SequenceOf{T}"/> values.</summary>
public static class SequenceOf
{
    /// <summary>A list holding <paramref name="items"/>.</summary>
    public static SequenceOf<T> Of<T>(params T[] items) => new(items);
}
