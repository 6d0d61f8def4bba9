using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Replay;

/// <summary>
/// The receiver's replay checks (patent ¶150-153): an exact duplicate (generation time and signature r)
/// in a bounded recent window, and, for messages that carry the integrity report, the sender's 32-bit
/// counter in a per-sender sliding window (<see cref="NeighbourTable"/>). <see cref="Check"/> changes
/// nothing; <see cref="Commit"/> records a message only once every other check has passed, so a rejected
/// message (a forgery, a stale one) never moves a window. Not thread-safe: the pipeline serialises calls.
/// </summary>
public sealed class ReplayGuard
{
    /// <summary>Creates empty replay state.</summary>
    public ReplayGuard(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Neighbours = new NeighbourTable(options.MaxNeighbours, options.NeighbourIdleTimeout);
        Recent = new DuplicateCache(options.MaxRecentMessages, options.RecentWindow);
    }

    /// <summary>The per-sender counter windows.</summary>
    public NeighbourTable Neighbours { get; }

    /// <summary>The recent messages.</summary>
    public DuplicateCache Recent { get; }

    /// <summary>Classifies a message without recording it.</summary>
    public ReplayVerdict Check(HashedId8 sender, Time64 generationTime, ReadOnlySpan<byte> signatureR, uint? counter, DateTimeOffset now)
    {
        if (Recent.Contains(generationTime, signatureR))
        {
            return ReplayVerdict.Duplicate;
        }

        return counter is { } c
            ? Neighbours.Check(sender, c, now) switch
            {
                CounterVerdict.Duplicate => ReplayVerdict.CounterReplayed,
                CounterVerdict.TooOld => ReplayVerdict.CounterTooOld,
                _ => ReplayVerdict.Fresh,
            }
            : ReplayVerdict.Fresh;
    }

    /// <summary>Records an accepted message (its <see cref="Check"/> must have been <see cref="ReplayVerdict.Fresh"/>).</summary>
    public void Commit(HashedId8 sender, Time64 generationTime, ReadOnlySpan<byte> signatureR, uint? counter, DateTimeOffset now)
    {
        if (counter is { } c)
        {
            Neighbours.Accept(sender, c, now);
        }

        Recent.Add(generationTime, signatureR, Time64.FromUtc(now));
    }
}
