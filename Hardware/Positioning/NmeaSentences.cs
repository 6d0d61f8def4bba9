namespace Hardware.Positioning;

/// <summary>A parsed NMEA 0183 sentence.</summary>
/// <param name="Talker">Talker id (GP, GN, GL, GA...).</param>
public abstract record NmeaSentence(string Talker);

/// <summary>RMC, recommended minimum specific GNSS data (NMEA 0183 v2.3+; v4.1 adds a navigational status field).</summary>
/// <param name="Talker">Talker id.</param>
/// <param name="FixTime">UTC date and time of the fix.</param>
/// <param name="IsValid">Status A (valid) or V (warning).</param>
/// <param name="LatitudeDegrees">Latitude, north positive.</param>
/// <param name="LongitudeDegrees">Longitude, east positive.</param>
/// <param name="SpeedMetersPerSecond">Speed over ground (converted from knots).</param>
/// <param name="CourseDegrees">Course over ground, true, when given.</param>
public sealed record NmeaRmc(string Talker, DateTimeOffset FixTime, bool IsValid, double LatitudeDegrees, double LongitudeDegrees,
    double? SpeedMetersPerSecond, double? CourseDegrees) : NmeaSentence(Talker);

/// <summary>GGA, global positioning system fix data.</summary>
/// <param name="Talker">Talker id.</param>
/// <param name="TimeOfDay">UTC time of day of the fix.</param>
/// <param name="LatitudeDegrees">Latitude, north positive (0 when there is no fix).</param>
/// <param name="LongitudeDegrees">Longitude, east positive (0 when there is no fix).</param>
/// <param name="Quality">Fix quality: 0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 estimated...</param>
/// <param name="Satellites">Satellites in use.</param>
/// <param name="Hdop">Horizontal dilution of precision, when given.</param>
/// <param name="AltitudeMeters">Altitude above mean sea level, when given.</param>
public sealed record NmeaGga(string Talker, TimeSpan TimeOfDay, double LatitudeDegrees, double LongitudeDegrees, int Quality,
    int Satellites, double? Hdop, double? AltitudeMeters) : NmeaSentence(Talker);

/// <summary>VTG, course over ground and ground speed.</summary>
/// <param name="Talker">Talker id.</param>
/// <param name="CourseTrueDegrees">Course over ground, true, when given.</param>
/// <param name="SpeedMetersPerSecond">Speed over ground (from the km/h field, else the knots field), when given.</param>
public sealed record NmeaVtg(string Talker, double? CourseTrueDegrees, double? SpeedMetersPerSecond) : NmeaSentence(Talker);
