using System.Buffers.Binary;
using V2x.Time;

namespace Firmware.Application.Replay;

/// <summary>
/// The messages accepted recently, by (generation time, signature r): an exact replay of any of them is
/// a duplicate. Keyed on r rather than on the whole signature because ECDSA signatures are malleable
/// ((r, s) and (r, n − s) both verify, FIPS 186-4 §6.4): an attacker can change s without the key, not r.
/// Bounded twice: entries older than <see cref="Retention"/> by generation time leave (a message that
/// old fails the freshness check before it gets here), and at most <see cref="Capacity"/> are held
/// (oldest first out). Not thread-safe: the receive pipeline serialises calls.
/// </summary>
public sealed class DuplicateCache
{
    private const int InitialCapacity = 256;
    private readonly HashSet<Key> _set;
    private readonly Queue<Key> _order;

    /// <summary>Creates an empty cache.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1 or a retention not above zero.</exception>
    public DuplicateCache(int capacity, TimeSpan retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        Capacity = capacity;
        Retention = retention;
        // Grown as messages arrive rather than sized for the capacity at once: a receiver that hears few neighbours
        // keeps a small cache (the bench runs 100 OBUs in one process); the capacity still bounds it.
        _set = new HashSet<Key>(Math.Min(capacity, InitialCapacity));
        _order = new Queue<Key>(Math.Min(capacity, InitialCapacity));
    }

    /// <summary>Most messages remembered.</summary>
    public int Capacity { get; }

    /// <summary>How long (by generation time) a message is remembered.</summary>
    public TimeSpan Retention { get; }

    /// <summary>Messages remembered now.</summary>
    public int Count => _set.Count;

    /// <summary>Whether a message with this generation time and signature r was accepted already.</summary>
    public bool Contains(Time64 generationTime, ReadOnlySpan<byte> signatureR) => _set.Contains(KeyOf(generationTime, signatureR));

    /// <summary>Remembers an accepted message; forgets those past the retention or beyond the capacity.</summary>
    public void Add(Time64 generationTime, ReadOnlySpan<byte> signatureR, Time64 now)
    {
        var key = KeyOf(generationTime, signatureR);
        if (!_set.Add(key))
        {
            return;
        }

        _order.Enqueue(key);
        var retention = (ulong)(Retention.Ticks / TimeSpan.TicksPerMicrosecond);
        var oldest = now.Microseconds > retention ? now.Microseconds - retention : 0;
        while (_order.Count > Capacity || (_order.Count > 0 && _order.Peek().Time < oldest))
        {
            _set.Remove(_order.Dequeue());
        }
    }

    // The first 8 octets of r: r is the x-coordinate of a random point, so two signatures collide on them
    // with probability 2^-64.
    private static Key KeyOf(Time64 generationTime, ReadOnlySpan<byte> signatureR) =>
        new(generationTime.Microseconds, signatureR.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(signatureR) : 0);

    private readonly record struct Key(ulong Time, ulong R);
}
