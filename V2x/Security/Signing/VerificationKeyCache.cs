using V2x.Security.Certificates;

namespace V2x.Security.Signing;

/// <summary>
/// Signer certificates and their imported keys by HashedId8, bounded in size (least recently used
/// entries leave first), so the per-message path imports no key. Thread-safe.
/// </summary>
public sealed class VerificationKeyCache : IDisposable
{
    private readonly Dictionary<HashedId8, LinkedListNode<CachedSigner>> _map = [];
    private readonly LinkedList<CachedSigner> _order = new();
    private readonly Lock _lock = new();

    public VerificationKeyCache(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>Finds a signer by digest.</summary>
    public bool TryGet(HashedId8 digest, out CachedSigner signer)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(digest, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                signer = node.Value;
                return true;
            }
        }

        signer = null!;
        return false;
    }

    /// <summary>Adds an explicit certificate (importing its key) or returns the entry already there.</summary>
    /// <exception cref="ArgumentException">The certificate has no verification key or its key is not on its curve.</exception>
    public CachedSigner Add(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var digest = certificate.HashedId8;
        if (TryGet(digest, out var existing))
        {
            return existing;
        }

        return Add(new CachedSigner(certificate));
    }

    /// <summary>Adds an already imported signer, or returns the entry already there for its digest.</summary>
    public CachedSigner Add(CachedSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var digest = signer.Digest;
        lock (_lock)
        {
            if (_map.TryGetValue(digest, out var raced))
            {
                return raced.Value;
            }

            _map[digest] = _order.AddFirst(signer);
            while (_map.Count > Capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                // Not disposed here: another thread may still be verifying with it; the GC releases it.
                _map.Remove(last.Value.Digest);
            }
        }

        return signer;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var s in _order)
            {
                s.Dispose();
            }

            _order.Clear();
            _map.Clear();
        }
    }
}
