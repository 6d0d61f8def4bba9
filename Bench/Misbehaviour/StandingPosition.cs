using Hardware.Positioning;

namespace Bench.Misbehaviour;

/// <summary>A receiver standing at the roadside: a valid fix at one place, at the clock's time.</summary>
internal sealed class StandingPosition(TimeProvider clock, double latitude, double longitude) : IPositionSource
{
    public PositionFix Read() => new(true, latitude, longitude, 519, 0, 0, clock.GetUtcNow(), 1.5);
}
