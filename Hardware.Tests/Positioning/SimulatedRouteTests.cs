using Hardware.Positioning;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Positioning;

public class SimulatedRouteTests
{
    // Two points 0.01 degrees of latitude apart on one meridian: 1111.95 m on the 6371008.8 m sphere.
    private static readonly Waypoint[] NorthSouth = [new(48.0, 11.0, 10), new(48.01, 11.0, 20)];

    [Fact]
    public void Drives_the_route_as_time_advances()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var route = new SimulatedRoute(time, NorthSouth);
        var length = SimulatedRoute.DistanceMeters(NorthSouth[0], NorthSouth[1]);

        var start = route.Read();
        time.Advance(TimeSpan.FromSeconds(length / 10 / 2));
        var half = route.Read();
        time.Advance(TimeSpan.FromSeconds((length / 10 / 2) + (length / 20 / 2)));
        var back = route.Read();

        Assert.Equal(1111.95, length, 0.01);
        Assert.Equal((48.0, 11.0), (start.LatitudeDegrees, start.LongitudeDegrees));
        Assert.Equal((0.0, 10.0), (Math.Round(half.HeadingDegrees!.Value, 6), half.SpeedMetersPerSecond!.Value));
        Assert.Equal(48.005, half.LatitudeDegrees, 9);
        Assert.Equal((180.0, 20.0), (Math.Round(back.HeadingDegrees!.Value, 6), back.SpeedMetersPerSecond!.Value));
        Assert.Equal(48.005, back.LatitudeDegrees, 9);
        Assert.True(back.IsValid);
        Assert.Equal(time.GetUtcNow(), back.FixTime);
    }

    // A waypoint is a corner (and a change of speed), which a receiver's misbehaviour detection checks against what a
    // car can do (ETSI TS 103 759 speed-change and heading-change checks): the simulated car brakes, accelerates and
    // turns at an ordinary driver's 2 m/s² and 2.5 m/s² lateral, never in one step, and drives each segment's speed and
    // bearing on its straight part.
    public static TheoryData<string, Waypoint[]> Loops => new()
    {
        { "Munich block (four right-angle corners, 8.3 to 13.9 m/s)", [.. SimulatedRoute.MunichBlock] },
        { "there and back (two U-turns, 10 and 20 m/s)", NorthSouth },
    };

    [Theory]
    [MemberData(nameof(Loops))]
    public void Speed_and_heading_change_around_each_waypoint_as_a_car_can(string name, Waypoint[] points)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var route = new SimulatedRoute(time, points);
        var step = TimeSpan.FromMilliseconds(100);
        var previous = route.Read();
        var steps = (int)(route.LoopTime / step) + 1;
        var worstAcceleration = 0.0;
        var worstLateral = 0.0;
        for (var k = 0; k < steps; k++)
        {
            time.Advance(step);
            var fix = route.Read();
            var (v0, v1) = (previous.SpeedMetersPerSecond!.Value, fix.SpeedMetersPerSecond!.Value);
            var turn = Math.Abs(((fix.HeadingDegrees!.Value - previous.HeadingDegrees!.Value + 540) % 360) - 180) * Math.PI / 180;
            worstAcceleration = Math.Max(worstAcceleration, Math.Abs(v1 - v0) / step.TotalSeconds);
            worstLateral = Math.Max(worstLateral, turn / step.TotalSeconds * Math.Min(v0, v1));
            previous = fix;
        }

        Assert.True(worstAcceleration <= 2.0 + 1e-6, $"{name}: {worstAcceleration:F2} m/s²");
        Assert.True(worstLateral <= 2.5 + 1e-6, $"{name}: lateral {worstLateral:F2} m/s²");
        Assert.True(worstAcceleration > 0 && worstLateral > 0, $"{name}: the loop has no corner");

        // Mid-segment, the segment's own speed and bearing.
        var mid = new SimulatedRoute(time, points);
        time.Advance(TimeSpan.FromSeconds(SimulatedRoute.DistanceMeters(points[0], points[1]) / points[0].SpeedMetersPerSecond / 2));
        var fixMid = mid.Read();
        Assert.Equal(points[0].SpeedMetersPerSecond, fixMid.SpeedMetersPerSecond!.Value, 9);
        Assert.Equal(SimulatedRoute.BearingDegrees(points[0], points[1]), fixMid.HeadingDegrees!.Value, 6);
    }

    public static TheoryData<string, Waypoint[]> BadRoutes => new()
    {
        { "one point", [new(48, 11, 10)] },
        { "zero speed", [new(48, 11, 0), new(48.1, 11, 10)] },
        { "latitude out of range", [new(91, 11, 10), new(48, 11, 10)] },
        { "zero-length segment", [new(48, 11, 10), new(48, 11, 10)] },
    };

    [Theory]
    [MemberData(nameof(BadRoutes))]
    public void Bad_routes_are_a_callers_mistake(string name, Waypoint[] points)
    {
        Assert.Throws<ArgumentException>(() => new SimulatedRoute(TimeProvider.System, points));
        Assert.NotEmpty(name);
    }
}
