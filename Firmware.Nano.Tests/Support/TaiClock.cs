using Firmware.Nano.Board;
using V2x.Time;

namespace Firmware.Nano.Tests.Support;

/// <summary>The board's TAI clock over the test's clock (V2x/Time converts UTC to Time64).</summary>
public sealed class TaiClock(TimeProvider time) : ITaiClock
{
    public bool Synchronised { get; set; } = true;

    public bool TryGetTime64(out ulong microseconds)
    {
        microseconds = Synchronised ? Time64.Now(time).Microseconds : 0;
        return Synchronised;
    }
}
