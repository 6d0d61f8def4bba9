namespace Hardware.Positioning;

/// <summary>
/// A simulated vehicle driving a closed route of waypoints at each segment's speed, driven by a
/// TimeProvider (tests advance a FakeTimeProvider; the bench passes TimeProvider.System). After
/// the last waypoint it drives back to the first and starts over. Distances and bearings on a
/// sphere of radius 6,371,008.8 m (IUGG mean Earth radius); positions interpolated linearly
/// within a segment (segments are street-length); speed and heading change around each waypoint at an ordinary
/// driver's acceleration and lateral acceleration, not in one step.
/// </summary>
public sealed class SimulatedRoute : IPositionSource
{
    private const double EarthRadiusMeters = 6_371_008.8;

    // How hard the simulated car accelerates, brakes and turns around a waypoint (m/s²): an ordinary driver's.
    private const double ComfortAcceleration = 2.0;
    private const double ComfortLateralAcceleration = 2.5;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly Waypoint[] _points;
    private readonly double[] _segmentSeconds;
    private readonly double _loopSeconds;
    private readonly double? _altitudeMeters;

    /// <summary>Starts driving now from the first waypoint, or <paramref name="startOffset"/> further along the loop (so several cars on one loop keep apart).</summary>
    /// <exception cref="ArgumentException">Fewer than two waypoints, a speed not above zero, or a zero-length segment.</exception>
    public SimulatedRoute(TimeProvider time, IReadOnlyList<Waypoint> waypoints, double? altitudeMeters = null, TimeSpan startOffset = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(waypoints);
        if (waypoints.Count < 2)
        {
            throw new ArgumentException("A route needs at least two waypoints.", nameof(waypoints));
        }

        if (waypoints.Any(w => !(w.SpeedMetersPerSecond > 0) || Math.Abs(w.LatitudeDegrees) > 90 || Math.Abs(w.LongitudeDegrees) > 180))
        {
            throw new ArgumentException("Every waypoint needs a valid position and a speed above zero.", nameof(waypoints));
        }

        _time = time;
        _start = time.GetUtcNow() - startOffset;
        _points = waypoints.ToArray();
        _altitudeMeters = altitudeMeters;
        _segmentSeconds = new double[_points.Length];
        for (var i = 0; i < _points.Length; i++)
        {
            var length = DistanceMeters(_points[i], _points[(i + 1) % _points.Length]);
            if (length <= 0)
            {
                throw new ArgumentException($"Segment {i} has zero length.", nameof(waypoints));
            }

            _segmentSeconds[i] = length / _points[i].SpeedMetersPerSecond;
        }

        _loopSeconds = _segmentSeconds.Sum();
    }

    /// <summary>A short loop around a block in Munich (about 1.3 km) at town speeds, for the bench.</summary>
    public static IReadOnlyList<Waypoint> MunichBlock { get; } =
    [
        new(48.13743, 11.57549, 13.9),
        new(48.14010, 11.57549, 8.3),
        new(48.14010, 11.58000, 13.9),
        new(48.13743, 11.58000, 11.1),
    ];

    /// <summary>Time to drive the loop once.</summary>
    public TimeSpan LoopTime => TimeSpan.FromSeconds(_loopSeconds);

    /// <inheritdoc />
    public PositionFix Read()
    {
        var now = _time.GetUtcNow();
        var t = (now - _start).TotalSeconds % _loopSeconds;
        if (t < 0)
        {
            t += _loopSeconds;
        }

        var i = 0;
        while (t > _segmentSeconds[i] && i < _points.Length - 1)
        {
            t -= _segmentSeconds[i];
            i++;
        }

        var n = _points.Length;
        var a = _points[i];
        var b = _points[(i + 1) % n];
        var f = Math.Clamp(t / _segmentSeconds[i], 0, 1);
        var (speed, heading) = Motion(i, t);
        return new PositionFix(
            true,
            a.LatitudeDegrees + ((b.LatitudeDegrees - a.LatitudeDegrees) * f),
            a.LongitudeDegrees + ((b.LongitudeDegrees - a.LongitudeDegrees) * f),
            _altitudeMeters,
            speed,
            heading,
            now,
            1.5);
    }

    // Speed and heading t seconds into segment i. On a segment's straight part they are the segment's; around each
    // waypoint they change as a car's would, not in one step (a receiver's misbehaviour detection flags a step: ETSI
    // TS 103 759 speed-change and heading-change checks): the speed ramps at ComfortAcceleration, and the heading turns
    // at the yaw rate a lateral ComfortLateralAcceleration allows at the faster of the two speeds, half of each change
    // before the waypoint and half after it (at most half a segment each). Positions stay on the straight segments.
    private (double Speed, double Heading) Motion(int i, double t)
    {
        var n = _points.Length;
        var previous = _points[(i - 1 + n) % n];
        var a = _points[i];
        var b = _points[(i + 1) % n];
        var next = _points[(i + 2) % n];
        var length = _segmentSeconds[i];
        var bearing = BearingDegrees(a, b);
        var speed = a.SpeedMetersPerSecond;
        var heading = bearing;

        // Entering the segment: the rest of the change at waypoint i.
        var speedIn = a.SpeedMetersPerSecond - previous.SpeedMetersPerSecond;
        var speedInTime = Math.Min(Math.Abs(speedIn) / ComfortAcceleration, length);
        if (t < speedInTime / 2)
        {
            speed -= speedIn * (0.5 - (t / speedInTime));
        }

        var turnIn = Turn(BearingDegrees(previous, a), bearing);
        var turnInTime = Math.Min(TurnSeconds(turnIn, Math.Max(previous.SpeedMetersPerSecond, a.SpeedMetersPerSecond)), length);
        if (t < turnInTime / 2)
        {
            heading -= turnIn * (0.5 - (t / turnInTime));
        }

        // Leaving it: the first half of the change at waypoint i + 1.
        var left = length - t;
        var speedOut = b.SpeedMetersPerSecond - a.SpeedMetersPerSecond;
        var speedOutTime = Math.Min(Math.Abs(speedOut) / ComfortAcceleration, length);
        if (left < speedOutTime / 2)
        {
            speed += speedOut * (0.5 - (left / speedOutTime));
        }

        var turnOut = Turn(bearing, BearingDegrees(b, next));
        var turnOutTime = Math.Min(TurnSeconds(turnOut, Math.Max(a.SpeedMetersPerSecond, b.SpeedMetersPerSecond)), length);
        if (left < turnOutTime / 2)
        {
            heading += turnOut * (0.5 - (left / turnOutTime));
        }

        return (speed, ((heading % 360) + 360) % 360);
    }

    // The signed turn from one bearing to another, -180..180 degrees.
    private static double Turn(double from, double to) => ((to - from + 540) % 360) - 180;

    // Seconds to turn by `degrees` at `speed`: yaw rate = lateral acceleration / speed.
    private static double TurnSeconds(double degrees, double speed) => Math.Abs(ToRadians(degrees)) * speed / ComfortLateralAcceleration;

    /// <summary>Great-circle distance (haversine).</summary>
    public static double DistanceMeters(Waypoint a, Waypoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return DistanceMeters(a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);
    }

    /// <summary>The same for two positions in degrees (no waypoint allocated: the shared radio asks this for every frame and receiver).</summary>
    public static double DistanceMeters(double latitudeA, double longitudeA, double latitudeB, double longitudeB)
    {
        var p1 = ToRadians(latitudeA);
        var p2 = ToRadians(latitudeB);
        var dp = p2 - p1;
        var dl = ToRadians(longitudeB - longitudeA);
        var h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial great-circle bearing from a to b, degrees clockwise from true north, 0..360.</summary>
    public static double BearingDegrees(Waypoint a, Waypoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var p1 = ToRadians(a.LatitudeDegrees);
        var p2 = ToRadians(b.LatitudeDegrees);
        var dl = ToRadians(b.LongitudeDegrees - a.LongitudeDegrees);
        var y = Math.Sin(dl) * Math.Cos(p2);
        var x = (Math.Cos(p1) * Math.Sin(p2)) - (Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl));
        return (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360;
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
