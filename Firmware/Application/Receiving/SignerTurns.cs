using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>
/// Keeps the order of decisions per signer while frames run on many cores: each frame takes a ticket for its
/// signer's key (the ticket's HashedId8, carried or named by digest) when it enters the pipeline, and the stages
/// that read or change the signer's state, and the decision's publication, run only in ticket order. Frames of
/// different signers do not wait for each other. Its own lock is the innermost of the pipeline's: nothing is
/// taken while it is held, and <see cref="Wait"/> is called holding no lock at all.
/// </summary>
internal sealed class SignerTurns
{
    private readonly Lock _lock = new();
    private readonly Dictionary<HashedId8, Turnstile> _byKey = [];

    /// <summary>Keys with a frame in or waiting for its turn.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>A ticket for the next turn of <paramref name="key"/>.</summary>
    public Turn Take(HashedId8 key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var stile))
            {
                stile = new Turnstile();
                _byKey[key] = stile;
            }

            return new Turn(key, stile, stile.Next++);
        }
    }

    /// <summary>Blocks until it is this ticket's turn (holding no lock).</summary>
    public static void Wait(Turn turn)
    {
        var stile = turn.Stile;
        lock (stile)
        {
            while (stile.Serving != turn.Ticket)
            {
                Monitor.Wait(stile);
            }
        }
    }

    /// <summary>Ends this ticket's turn and lets the next one in.</summary>
    public void Leave(Turn turn)
    {
        var stile = turn.Stile;
        lock (_lock)
        {
            lock (stile)
            {
                stile.Serving++;
                Monitor.PulseAll(stile);
            }

            if (stile.Serving == stile.Next)
            {
                _byKey.Remove(turn.Key);
            }
        }
    }

    internal sealed class Turnstile
    {
        public long Next;
        public long Serving;
    }

    /// <summary>One frame's place in its signer's order.</summary>
    internal readonly record struct Turn(HashedId8 Key, Turnstile Stile, long Ticket);
}
