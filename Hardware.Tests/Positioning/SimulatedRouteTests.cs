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
        Assert.Equal((48.0, 11.0, 0.0, 10.0), (start.LatitudeDegrees, start.LongitudeDegrees, start.HeadingDegrees!.Value, start.SpeedMetersPerSecond!.Value));
        Assert.Equal(48.005, half.LatitudeDegrees, 9);
        Assert.Equal((180.0, 20.0), (Math.Round(back.HeadingDegrees!.Value, 6), back.SpeedMetersPerSecond!.Value));
        Assert.Equal(48.005, back.LatitudeDegrees, 9);
        Assert.True(back.IsValid);
        Assert.Equal(time.GetUtcNow(), back.FixTime);
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
