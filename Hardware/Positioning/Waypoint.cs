namespace Hardware.Positioning;

/// <summary>A route point and the speed driven from it to the next point.</summary>
/// <param name="LatitudeDegrees">WGS-84 latitude.</param>
/// <param name="LongitudeDegrees">WGS-84 longitude.</param>
/// <param name="SpeedMetersPerSecond">Speed on the segment that starts here (must be above zero).</param>
public sealed record Waypoint(double LatitudeDegrees, double LongitudeDegrees, double SpeedMetersPerSecond);
