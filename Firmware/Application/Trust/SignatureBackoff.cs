using V2x.Security;

namespace Firmware.Application.Trust;

/// <summary>
/// The memory of bad signatures, per authorization ticket (HashedId8): a score that rises by one with every
/// message whose signature failed under the ticket and halves every <c>halfLife</c> (capped, so it falls back
/// within a few half-lives once the forgeries stop). At or above the threshold the ticket is <b>backed off</b>:
/// its frames are verified only by sampling (a token bucket per ticket) unless they are actionable or there is
/// spare capacity (the receive pipeline decides; Docs/trust-decisions.md, "Under load"). For a ticket that is
/// not cached by the trust store (its certificate came with forged messages only) the entry also keeps the
/// chain validated for it, so the next forgery costs one signature verification instead of a chain validation;
/// that chain makes nothing known: a digest-signed frame of that ticket still waits for a certificate-bearing
/// message that verifies. A genuine message never lowers the score (an attacker must not be able to reset a
/// victim's back-off with the victim's own frames, nor the victim end it while the forgeries go on).
/// Bounded (least recently touched leaves first); not thread-safe (the pipeline's gate guards it).
/// </summary>
internal sealed class SignatureBackoff
{
    // Below this the score is treated as gone (a single bad signature fades in about seven half-lives).
    private const double Forgotten = 1.0 / 128;

    private readonly LruTable<HashedId8, Entry> _table;
    private readonly double _threshold;
    private readonly double _cap;
    private readonly long _halfLifeTicks;
    private readonly double _sampleRate;
    private readonly double _sampleBurst;

    /// <exception cref="ArgumentOutOfRangeException">A bound out of range.</exception>
    public SignatureBackoff(int capacity, int threshold, TimeSpan halfLife, int scoreCap, double samplesPerSecond, int sampleBurst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scoreCap, threshold);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(samplesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleBurst, 1);
        _table = new LruTable<HashedId8, Entry>(capacity);
        _threshold = threshold;
        _cap = scoreCap;
        _halfLifeTicks = halfLife.Ticks;
        _sampleRate = samplesPerSecond;
        _sampleBurst = sampleBurst;
    }

    /// <summary>Tickets with a record now (including faded ones not yet swept).</summary>
    public int Count => _table.Count;

    /// <summary>The ticket's score at <paramref name="now"/> (0 without a record).</summary>
    public double Score(HashedId8 ticket, DateTimeOffset now) => _table.TryPeek(ticket, out var e) ? e.ScoreAt(now.UtcTicks, _halfLifeTicks) : 0;

    /// <summary>Whether the ticket's frames are verified by sampling only.</summary>
    public bool IsBackedOff(HashedId8 ticket, DateTimeOffset now) => Score(ticket, now) >= _threshold;

    /// <summary>
    /// Whether a bad signature on a frame that arrived in time (not a late copy) under the ticket is still remembered:
    /// someone forges fresh messages under it, so verify-on-demand decides none of its frames unverified. A late copy
    /// that fails (a replayed frame with a changed content) is always verified and never accepted, and only adds to
    /// the score: otherwise each altered copy would make a receiver verify every frame of the genuine sender for half
    /// a minute, a load an attacker could impose at will.
    /// </summary>
    public bool HasInTimeRecord(HashedId8 ticket, DateTimeOffset now) =>
        _table.TryPeek(ticket, out var e) && e.InTimeAt(now.UtcTicks, _halfLifeTicks) >= Forgotten;

    /// <summary>
    /// Records a message whose signature failed under the ticket; <paramref name="validated"/> is the chain
    /// validated for a ticket the trust store does not cache (kept for the next frame), else null.
    /// </summary>
    /// <param name="ticket">The ticket the message was signed under.</param>
    /// <param name="now">When.</param>
    /// <param name="validated">The chain validated for a ticket the trust store does not cache, else null.</param>
    /// <param name="inTime">False for a late copy (<see cref="HasInTimeRecord"/>).</param>
    public void RecordBad(HashedId8 ticket, DateTimeOffset now, TrustedSigner? validated, bool inTime = true)
    {
        if (!_table.TryGet(ticket, out var e))
        {
            e = new Entry();
            _table.Set(ticket, e);
        }

        e.Score = Math.Min(_cap, e.ScoreAt(now.UtcTicks, _halfLifeTicks) + 1);
        e.Ticks = now.UtcTicks;
        if (inTime)
        {
            e.InTime = Math.Min(_cap, e.InTimeAt(now.UtcTicks, _halfLifeTicks) + 1);
            e.InTimeTicks = now.UtcTicks;
        }

        e.Validated ??= validated;
    }

    /// <summary>Takes one of the backed-off ticket's sampling tokens (verify this frame) when one is left.</summary>
    public bool TryTakeSample(HashedId8 ticket, DateTimeOffset now) =>
        _table.TryPeek(ticket, out var e) && e.Samples.TryTake(_sampleRate, _sampleBurst, now);

    /// <summary>The chain validated earlier for an uncached ticket whose messages failed, if still remembered.</summary>
    public bool TryGetValidated(HashedId8 ticket, out TrustedSigner signer)
    {
        if (_table.TryPeek(ticket, out var e) && e.Validated is { } v)
        {
            signer = v;
            return true;
        }

        signer = null!;
        return false;
    }

    /// <summary>Drops the kept chain of a ticket the trust store now caches (the score stays).</summary>
    public void ForgetValidated(HashedId8 ticket)
    {
        if (_table.TryPeek(ticket, out var e))
        {
            e.Validated = null;
        }
    }

    private sealed class Entry
    {
        public double Score;
        public long Ticks;
        public TokenBucket Samples;
        public TrustedSigner? Validated;
        public double InTime;
        public long InTimeTicks;

        // Exponential decay: the score halves every half-life since the last bad signature.
        public double ScoreAt(long nowTicks, long halfLifeTicks) =>
            nowTicks <= Ticks ? Score : Score * Math.Pow(0.5, (double)(nowTicks - Ticks) / halfLifeTicks);

        // The same decay for the failures of frames that arrived in time.
        public double InTimeAt(long nowTicks, long halfLifeTicks) =>
            nowTicks <= InTimeTicks ? InTime : InTime * Math.Pow(0.5, (double)(nowTicks - InTimeTicks) / halfLifeTicks);
    }
}
