namespace Hardware.Positioning.Sumo;

/// <summary>
/// One SUMO vehicle as a position source: the fix of the last simulation step (WGS-84 position through the net's
/// projection, speed, true heading, acceleration, the step's time). Once the vehicle has left the simulation
/// <see cref="Read"/> is invalid: a unit whose vehicle is gone has no fix.
/// </summary>
public sealed class SumoVehicle : IPositionSource
{
    // SUMO's positions are exact in the model; 1 m is stated so a CAM's confidence and GN's accuracy flag say "accurate".
    private const double StatedAccuracyMeters = 1.0;
    private readonly Lock _lock = new();
    private PositionFix _fix;

    internal SumoVehicle(string id, DateTimeOffset joinedAt)
    {
        Id = id;
        JoinedAt = joinedAt;
        _fix = PositionFix.Invalid(joinedAt);
    }

    /// <summary>The vehicle id of the route file.</summary>
    public string Id { get; }

    /// <summary>When it entered the simulation (the simulation clock).</summary>
    public DateTimeOffset JoinedAt { get; }

    /// <summary>When it left, or null while it drives.</summary>
    public DateTimeOffset? LeftAt { get; private set; }

    /// <summary>The last acceleration SUMO reported, m/s².</summary>
    public double Acceleration { get; private set; }

    /// <summary>The last network position (x, y in metres).</summary>
    public (double X, double Y) NetworkPosition { get; private set; }

    /// <summary>Steps in which SUMO reported it.</summary>
    public long Updates { get; private set; }

    /// <inheritdoc />
    public PositionFix Read()
    {
        lock (_lock)
        {
            return _fix;
        }
    }

    internal void Update(TraciVehicle state, double longitude, double latitude, double headingDegrees, DateTimeOffset time)
    {
        lock (_lock)
        {
            _fix = new PositionFix(true, latitude, longitude, null, Math.Max(0, state.Speed), headingDegrees, time, StatedAccuracyMeters);
            Acceleration = state.Acceleration;
            NetworkPosition = (state.X, state.Y);
            Updates++;
        }
    }

    internal void Leave(DateTimeOffset time)
    {
        lock (_lock)
        {
            LeftAt = time;
            _fix = PositionFix.Invalid(time);
        }
    }
}
