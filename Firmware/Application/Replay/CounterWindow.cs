namespace Firmware.Application.Replay;

/// <summary>
/// One sender's anti-replay window over the 32-bit message counter of the integrity report (patent
/// ¶150-153): the highest counter seen and a bitmap of the <see cref="Size"/> counters below it, in
/// the manner of the IPsec anti-replay window (RFC 4303 §3.4.3) with the order of RFC 1982 serial
/// numbers, so 2^32 − 1 → 0 is one step ahead, not a replay. A value type of 16 octets.
/// </summary>
public struct CounterWindow
{
    /// <summary>Counters tracked below the highest one.</summary>
    public const int Size = 64;

    // Field order keeps the struct at 16 octets (8 + 4 + 1, padded).
    private ulong _seen;
    private uint _highest;
    private bool _started;

    /// <summary>The highest counter accepted so far (meaningless before the first).</summary>
    public readonly uint Highest => _highest;

    /// <summary>Whether a counter was accepted yet.</summary>
    public readonly bool Started => _started;

    /// <summary>Classifies a counter without changing the window.</summary>
    public readonly CounterVerdict Check(uint counter)
    {
        if (!_started)
        {
            return CounterVerdict.First;
        }

        var ahead = SerialNumber.Distance(_highest, counter);
        if (ahead > 0)
        {
            return CounterVerdict.Ahead;
        }

        if (ahead == 0)
        {
            return CounterVerdict.Duplicate;
        }

        // int.MinValue is the undefined distance 2^31 (RFC 1982 §3.2): not provably fresh, refused.
        if (ahead == int.MinValue || -ahead >= Size)
        {
            return CounterVerdict.TooOld;
        }

        return (_seen & (1UL << -ahead)) != 0 ? CounterVerdict.Duplicate : CounterVerdict.InWindow;
    }

    /// <summary>Records an accepted counter (one whose <see cref="Check"/> was First, Ahead or InWindow).</summary>
    /// <exception cref="ArgumentException">The counter is a duplicate or too old.</exception>
    public void Accept(uint counter)
    {
        switch (Check(counter))
        {
            case CounterVerdict.First:
                _started = true;
                _highest = counter;
                _seen = 1;
                break;
            case CounterVerdict.Ahead:
                var shift = SerialNumber.Distance(_highest, counter);
                _seen = shift >= Size ? 1 : (_seen << shift) | 1;
                _highest = counter;
                break;
            case CounterVerdict.InWindow:
                _seen |= 1UL << -SerialNumber.Distance(_highest, counter);
                break;
            default:
                throw new ArgumentException($"counter {counter} is not acceptable to this window", nameof(counter));
        }
    }
}
