using Firmware.Nano.Board;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Nano.Tests.Support;

/// <summary>A wait that advances the test's clock instead of sleeping (the simulated element reads the same clock).</summary>
public sealed class ClockDelay(FakeTimeProvider time) : IDelay
{
    public void Wait(int milliseconds) => time.Advance(TimeSpan.FromMilliseconds(milliseconds));
}
