namespace Firmware.Nano.Board;

/// <summary>
/// Time as IEEE 1609.2 Time64 (§6.3.11: TAI microseconds since 2004-01-01 00:00:00): natively from GNSS or an
/// authenticated network time with the TAI-UTC offset applied.
/// </summary>
public interface ITaiClock
{
    /// <summary>The time now, or false when the clock is not synchronised (then nothing is signed).</summary>
    bool TryGetTime64(out ulong microseconds);
}
