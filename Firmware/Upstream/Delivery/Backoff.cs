using System.Buffers.Binary;
using Hardware.Random;

namespace Firmware.Upstream.Delivery;

/// <summary>
/// Exponential backoff with jitter for the delivery and poll loop: after the n-th failure in a row the
/// wait is drawn uniformly from [d/2, d] with d = min(<see cref="Max"/>, <see cref="Initial"/> × 2^(n-1))
/// ("equal jitter"), from the injected random source, so many OBUs coming back after a hub outage do
/// not all retry at the same instant. A success resets it.
/// </summary>
public sealed class Backoff
{
    private readonly IRandomSource _random;

    /// <summary>A backoff from <paramref name="initial"/> doubling up to <paramref name="max"/>.</summary>
    public Backoff(TimeSpan initial, TimeSpan max, IRandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentNullException.ThrowIfNull(random);
        Initial = initial;
        Max = max;
        _random = random;
    }

    /// <summary>The cap before jitter after the first failure.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The largest cap.</summary>
    public TimeSpan Max { get; }

    /// <summary>Failures in a row so far.</summary>
    public int Failures { get; private set; }

    /// <summary>The cap d for the current failure count (zero before any failure).</summary>
    public TimeSpan Ceiling => Failures == 0 ? TimeSpan.Zero : CeilingFor(Failures);

    /// <summary>Counts a failure and returns the wait before the next attempt.</summary>
    public TimeSpan Fail()
    {
        Failures = Failures == int.MaxValue ? Failures : Failures + 1;
        var ceiling = CeilingFor(Failures);
        Span<byte> bytes = stackalloc byte[8];
        _random.Fill(bytes);
        var unit = (BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 11) * (1.0 / (1UL << 53)); // [0, 1)
        var half = ceiling.Ticks / 2;
        return TimeSpan.FromTicks(half + (long)((ceiling.Ticks - half) * unit));
    }

    /// <summary>A success: the next failure starts from <see cref="Initial"/> again.</summary>
    public void Reset() => Failures = 0;

    private TimeSpan CeilingFor(int failures)
    {
        var ticks = Initial.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
