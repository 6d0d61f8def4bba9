using System.Threading.Channels;

namespace Bench.Live;

/// <summary>
/// One client of the live feed: a bounded queue of server-sent-event chunks, written by the feed without ever
/// waiting and read by the client's connection. A client that lets its queue fill (slow or hostile: it does not
/// read) is dropped: its queue is completed and <see cref="Dropped"/> fires, so the connection is closed; the bench
/// never waits for it.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<string> _queue;
    private readonly CancellationTokenSource _dropped = new();
    private readonly Action<LiveSubscription> _remove;
    private int _state;

    internal LiveSubscription(int capacity, Action<LiveSubscription> remove)
    {
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _remove = remove;
    }

    /// <summary>The chunks to send, in order; completes when the feed ends or the client is dropped.</summary>
    public ChannelReader<string> Reader => _queue.Reader;

    /// <summary>Cancelled when the client is dropped for not keeping up.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>True when the client was dropped for not keeping up.</summary>
    public bool WasDropped => Volatile.Read(ref _state) == 2;

    /// <summary>Leaves the feed (the client went away).</summary>
    public void Dispose()
    {
        _remove(this);
        _queue.Writer.TryComplete();
        _dropped.Dispose();
    }

    // Never waits: a full queue drops the client. Returns false when the client is gone.
    internal bool Offer(string chunk)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(chunk))
        {
            return true;
        }

        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _queue.Writer.TryComplete();

            // The feed calls this under its lock: the connection's cancellation callbacks run elsewhere.
            ThreadPool.QueueUserWorkItem(static client => client.SignalDropped(), this, preferLocal: false);
        }

        return false;
    }

    private void SignalDropped()
    {
        try
        {
            _dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection already left.
        }
    }

    // The feed ended: what is queued is still sent, then the stream closes.
    internal void Complete()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _queue.Writer.TryComplete();
        }
    }
}
