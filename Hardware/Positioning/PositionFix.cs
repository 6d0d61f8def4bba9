namespace Hardware.Positioning;

/// <summary>
/// A position fix. <see cref="IsValid"/> false means the source has no usable fix: the other
/// values are then the last ones seen or zero and must not be used (a vehicle unit says its data
/// is invalid rather than repeating a stale value as good).
/// </summary>
/// <param name="IsValid">The source has a current fix.</param>
/// <param name="LatitudeDegrees">WGS-84 latitude, north positive.</param>
/// <param name="LongitudeDegrees">WGS-84 longitude, east positive.</param>
/// <param name="AltitudeMeters">Altitude above mean sea level, when known.</param>
/// <param name="SpeedMetersPerSecond">Ground speed, when known.</param>
/// <param name="HeadingDegrees">Course over ground, true north, 0..360, when known.</param>
/// <param name="FixTime">Time of the fix (UTC).</param>
/// <param name="HorizontalAccuracyMeters">Estimated horizontal error, when known.</param>
public sealed record PositionFix(
    bool IsValid,
    double LatitudeDegrees,
    double LongitudeDegrees,
    double? AltitudeMeters,
    double? SpeedMetersPerSecond,
    double? HeadingDegrees,
    DateTimeOffset FixTime,
    double? HorizontalAccuracyMeters)
{
    /// <summary>An invalid fix at a time.</summary>
    public static PositionFix Invalid(DateTimeOffset time) => new(false, 0, 0, null, null, null, time, null);
}
