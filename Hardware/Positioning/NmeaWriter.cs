using System.Globalization;
using System.Text;

namespace Hardware.Positioning;

/// <summary>
/// Writes NMEA 0183 RMC and GGA sentences for a fix (the inverse of <see cref="NmeaParser"/>, same framing: "$",
/// talker GP, fields, "*" and the XOR checksum of NMEA 0183 v4.10 §5.3). Used to turn a simulated drive into a
/// receiver log that gpsfake (gpsd) replays. Latitude and longitude to 1/10 000 minute (about 0.2 m).
/// </summary>
public static class NmeaWriter
{
    private const double KnotsPerMetrePerSecond = 3600.0 / 1852.0;

    /// <summary>An RMC sentence: status A for a valid fix, V (and empty position) for none.</summary>
    public static string Rmc(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var t = fix.FixTime.UtcDateTime;
        var b = new StringBuilder("GPRMC,");
        b.Append(t.ToString("HHmmss.ff", CultureInfo.InvariantCulture)).Append(',').Append(fix.IsValid ? 'A' : 'V').Append(',');
        if (fix.IsValid)
        {
            b.Append(Latitude(fix.LatitudeDegrees)).Append(',').Append(Longitude(fix.LongitudeDegrees)).Append(',');
            b.Append(Fixed(fix.SpeedMetersPerSecond is { } v ? v * KnotsPerMetrePerSecond : null, "0.00")).Append(',');
            b.Append(Fixed(fix.HeadingDegrees, "0.0")).Append(',');
        }
        else
        {
            b.Append(",,,,,,");
        }

        b.Append(t.ToString("ddMMyy", CultureInfo.InvariantCulture)).Append(",,,").Append(fix.IsValid ? 'A' : 'N');
        return Frame(b.ToString());
    }

    /// <summary>A GGA sentence: quality 1 (GPS fix) or 0, 8 satellites, HDOP from the accuracy over a nominal 5 m.</summary>
    public static string Gga(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var t = fix.FixTime.UtcDateTime;
        var b = new StringBuilder("GPGGA,");
        b.Append(t.ToString("HHmmss.ff", CultureInfo.InvariantCulture)).Append(',');
        if (fix.IsValid)
        {
            b.Append(Latitude(fix.LatitudeDegrees)).Append(',').Append(Longitude(fix.LongitudeDegrees)).Append(",1,08,");
            b.Append(Fixed(fix.HorizontalAccuracyMeters is { } a ? a / 5 : null, "0.0")).Append(',');
            b.Append(Fixed(fix.AltitudeMeters, "0.0")).Append(",M,47.0,M,,");
        }
        else
        {
            b.Append(",,,,0,00,,,M,,M,,");
        }

        return Frame(b.ToString());
    }

    private static string Frame(string body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return string.Create(CultureInfo.InvariantCulture, $"${body}*{sum:X2}");
    }

    private static string Latitude(double degrees) => Angle(Math.Abs(degrees), 2) + (degrees < 0 ? ",S" : ",N");

    private static string Longitude(double degrees) => Angle(Math.Abs(degrees), 3) + (degrees < 0 ? ",W" : ",E");

    private static string Angle(double degrees, int width)
    {
        var whole = (int)degrees;
        var minutes = Math.Round((degrees - whole) * 60, 4);
        if (minutes >= 60)
        {
            whole++;
            minutes -= 60;
        }

        return whole.ToString(new string('0', width), CultureInfo.InvariantCulture) + minutes.ToString("00.0000", CultureInfo.InvariantCulture);
    }

    private static string Fixed(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
