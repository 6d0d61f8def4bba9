using System.Globalization;

namespace Hardware.Positioning;

/// <summary>
/// Parses NMEA 0183 RMC, GGA and VTG sentences. Framing and checksum per NMEA 0183 v4.10 §5.2-5.3:
/// "$", a 5-character address (2-character talker + 3-character formatter), comma-separated
/// fields, "*" and two hex digits: the XOR of every character between "$" and "*"; at most 82
/// characters including CR LF. A sentence without a checksum is rejected (fail closed).
/// </summary>
public static class NmeaParser
{
    /// <summary>Largest sentence, "$" to the checksum, without CR LF (82 minus 2).</summary>
    public const int MaxSentenceChars = 80;

    private const double MetersPerSecondPerKnot = 1852.0 / 3600.0;

    /// <summary>Parses one sentence (trailing CR LF allowed).</summary>
    /// <exception cref="NmeaException">The sentence is malformed, has a bad checksum, is not RMC/GGA/VTG, or has a bad field.</exception>
    public static NmeaSentence Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var s = line.TrimEnd('\r', '\n');
        if (s.Length < 7 || s.Length > MaxSentenceChars || s[0] != '$')
        {
            throw new NmeaException(NmeaError.BadFraming, "A sentence starts with '$' and is 7 to 80 characters before CR LF.");
        }

        var star = s.LastIndexOf('*');
        if (star < 0)
        {
            throw new NmeaException(NmeaError.MissingChecksum, "The sentence has no checksum.");
        }

        if (star != s.Length - 3 || !byte.TryParse(s.AsSpan(star + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
        {
            throw new NmeaException(NmeaError.BadFraming, "The checksum is not two hex digits at the end.");
        }

        byte sum = 0;
        foreach (var c in s.AsSpan(1, star - 1))
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                throw new NmeaException(NmeaError.BadFraming, "The sentence holds a character outside printable ASCII.");
            }

            sum ^= (byte)c;
        }

        if (sum != expected)
        {
            throw new NmeaException(NmeaError.BadChecksum, $"Checksum {expected:X2} does not match {sum:X2}.");
        }

        var f = s[1..star].Split(',');
        if (f[0].Length != 5)
        {
            throw new NmeaException(NmeaError.BadFraming, $"Address '{f[0]}' is not 5 characters.");
        }

        var talker = f[0][..2];
        return f[0][2..] switch
        {
            "RMC" => ParseRmc(talker, f),
            "GGA" => ParseGga(talker, f),
            "VTG" => ParseVtg(talker, f),
            var other => throw new NmeaException(NmeaError.Unsupported, $"Sentence {other} is not read."),
        };
    }

    // RMC: 1 time, 2 status, 3-4 lat, 5-6 lon, 7 speed knots, 8 course true, 9 date ddmmyy, 10-11 magvar, (12 mode, 13 nav status).
    private static NmeaRmc ParseRmc(string talker, string[] f)
    {
        Require(f, 10);
        var time = ParseTime(f[1]);
        var date = f[9];
        if (date.Length != 6 || !int.TryParse(date.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(date.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(date.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var yy)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + yy, month))
        {
            throw Bad("date", date);
        }

        // Two-digit year: 80-99 are 1980-1999 (GPS epoch 1980), 00-79 are 2000-2079.
        var year = yy >= 80 ? 1900 + yy : 2000 + yy;
        var valid = f[2] switch
        {
            "A" => true,
            "V" => false,
            _ => throw Bad("status", f[2]),
        };
        // A receiver without a fix sends status V with the position fields empty (NMEA 0183 v4.10 RMC): no position, not a bad field.
        var noPosition = !valid && f[3].Length == 0 && f[5].Length == 0;
        return new NmeaRmc(talker, new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero) + time, valid,
            noPosition ? 0 : ParseCoordinate(f[3], f[4], 2, 'N', 'S'), noPosition ? 0 : ParseCoordinate(f[5], f[6], 3, 'E', 'W'),
            OptionalNumber(f[7]) * MetersPerSecondPerKnot, OptionalNumber(f[8]));
    }

    // GGA: 1 time, 2-3 lat, 4-5 lon, 6 quality, 7 satellites, 8 HDOP, 9-10 altitude M, 11-12 geoid separation, 13 age, 14 station.
    private static NmeaGga ParseGga(string talker, string[] f)
    {
        Require(f, 11);
        var quality = f[6].Length == 1 && char.IsAsciiDigit(f[6][0]) ? f[6][0] - '0' : throw Bad("quality", f[6]);
        var satellites = f[7].Length == 0 ? 0 : int.TryParse(f[7], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad("satellites", f[7]);
        var noFix = quality == 0 && f[2].Length == 0;
        return new NmeaGga(talker, ParseTime(f[1]),
            noFix ? 0 : ParseCoordinate(f[2], f[3], 2, 'N', 'S'),
            noFix ? 0 : ParseCoordinate(f[4], f[5], 3, 'E', 'W'),
            quality, satellites, OptionalNumber(f[8]), OptionalNumber(f[9]));
    }

    // VTG: 1 course true, 2 T, 3 course magnetic, 4 M, 5 speed knots, 6 N, 7 speed km/h, 8 K, (9 mode).
    private static NmeaVtg ParseVtg(string talker, string[] f)
    {
        Require(f, 9);
        var kmh = OptionalNumber(f[7]);
        var knots = OptionalNumber(f[5]);
        return new NmeaVtg(talker, OptionalNumber(f[1]), kmh is { } k ? k / 3.6 : knots * MetersPerSecondPerKnot);
    }

    private static void Require(string[] f, int count)
    {
        if (f.Length < count)
        {
            throw new NmeaException(NmeaError.BadField, $"{f[0]} needs at least {count - 1} fields, got {f.Length - 1}.");
        }
    }

    private static TimeSpan ParseTime(string t)
    {
        // hhmmss or hhmmss.sss
        if (t.Length < 6 || !int.TryParse(t.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(t.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !double.TryParse(t.AsSpan(4), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sec)
            || h > 23 || m > 59 || sec >= 61)
        {
            throw Bad("time", t);
        }

        return new TimeSpan(h, m, 0) + TimeSpan.FromMilliseconds(Math.Round(sec * 1000));
    }

    private static double ParseCoordinate(string value, string hemisphere, int degreeDigits, char positive, char negative)
    {
        // ddmm.mmmm / dddmm.mmmm: degrees then decimal minutes.
        if (value.Length < degreeDigits + 2 || hemisphere.Length != 1
            || !int.TryParse(value.AsSpan(0, degreeDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var degrees)
            || !double.TryParse(value.AsSpan(degreeDigits), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes)
            || minutes >= 60 || degrees > (degreeDigits == 2 ? 90 : 180))
        {
            throw Bad("coordinate", value + "," + hemisphere);
        }

        var result = degrees + (minutes / 60);
        return hemisphere[0] == positive ? result : hemisphere[0] == negative ? -result : throw Bad("hemisphere", hemisphere);
    }

    private static double? OptionalNumber(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Bad("number", value);
    }

    private static NmeaException Bad(string field, string value) => new(NmeaError.BadField, $"Field {field} '{value}' is not valid.");
}
