using Hardware.Positioning;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Positioning;

public class NmeaParserTests
{
    // Sources of the known sentences:
    //  [D] Dale DePriest, "NMEA data" (gpsinformation.org), the worked RMC/GGA/VTG examples.
    //  [S] SiRF "NMEA Reference Manual" (rev. 1.3), example sentences of RMC, GGA and VTG.
    private const string RmcD = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
    private const string GgaD = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
    private const string VtgD = "$GPVTG,054.7,T,034.4,M,005.5,N,010.2,K*48";
    private const string RmcS = "$GPRMC,161229.487,A,3723.2475,N,12158.3416,W,0.13,309.62,120598,,*10";
    private const string GgaS = "$GPGGA,161229.487,3723.2475,N,12158.3416,W,1,07,1.0,9.0,M,,,,0000*18";
    private const string VtgS = "$GPVTG,309.62,T,,M,0.13,N,0.2,K*6E";

    [Fact]
    public void Rmc_examples_decode()
    {
        var d = Assert.IsType<NmeaRmc>(NmeaParser.Parse(RmcD));
        var s = Assert.IsType<NmeaRmc>(NmeaParser.Parse(RmcS + "\r\n"));

        // [D]: 12:35:19 UTC 23 March 1994, 48°07.038' N 11°31.000' E, 22.4 knots, 84.4° true.
        Assert.Equal(new DateTimeOffset(1994, 3, 23, 12, 35, 19, TimeSpan.Zero), d.FixTime);
        Assert.True(d.IsValid);
        Assert.Equal(48 + (7.038 / 60), d.LatitudeDegrees, 9);
        Assert.Equal(11 + (31.0 / 60), d.LongitudeDegrees, 9);
        Assert.Equal(22.4 * 1852 / 3600, d.SpeedMetersPerSecond!.Value, 9);
        Assert.Equal(84.4, d.CourseDegrees);

        // [S]: 16:12:29.487 UTC 12 May 1998, 37°23.2475' N 121°58.3416' W.
        Assert.Equal(new DateTimeOffset(1998, 5, 12, 16, 12, 29, 487, TimeSpan.Zero), s.FixTime);
        Assert.Equal(-(121 + (58.3416 / 60)), s.LongitudeDegrees, 9);
        Assert.Equal(309.62, s.CourseDegrees);
    }

    [Fact]
    public void Gga_examples_decode()
    {
        var d = Assert.IsType<NmeaGga>(NmeaParser.Parse(GgaD));
        var s = Assert.IsType<NmeaGga>(NmeaParser.Parse(GgaS));

        Assert.Equal((1, 8, 0.9, 545.4), (d.Quality, d.Satellites, d.Hdop!.Value, d.AltitudeMeters!.Value));
        Assert.Equal(new TimeSpan(12, 35, 19), d.TimeOfDay);
        Assert.Equal((1, 7, 1.0, 9.0), (s.Quality, s.Satellites, s.Hdop!.Value, s.AltitudeMeters!.Value));
        Assert.Equal(37 + (23.2475 / 60), s.LatitudeDegrees, 9);
    }

    [Fact]
    public void Vtg_examples_decode()
    {
        var d = Assert.IsType<NmeaVtg>(NmeaParser.Parse(VtgD));
        var s = Assert.IsType<NmeaVtg>(NmeaParser.Parse(VtgS));

        Assert.Equal(54.7, d.CourseTrueDegrees);
        Assert.Equal(10.2 / 3.6, d.SpeedMetersPerSecond!.Value, 9);
        Assert.Equal(309.62, s.CourseTrueDegrees);
        Assert.Equal(0.2 / 3.6, s.SpeedMetersPerSecond!.Value, 9);
    }

    public static TheoryData<string, string, NmeaError> BadSentences => new()
    {
        { "checksum off by one", RmcD[..^2] + "6B", NmeaError.BadChecksum },
        { "field changed, checksum kept", RmcD.Replace("4807.038", "4807.039", StringComparison.Ordinal), NmeaError.BadChecksum },
        { "no checksum", RmcD[..^3], NmeaError.MissingChecksum },
        { "no dollar", RmcD[1..], NmeaError.BadFraming },
        { "longer than 82 characters", "$GPRMC," + new string('1', 80) + "*00", NmeaError.BadFraming },
        { "one hex digit", RmcD[..^1], NmeaError.BadFraming },
        { "unsupported GSV", WithChecksum("GPGSV,1,1,00"), NmeaError.Unsupported },
        { "status X", WithChecksum("GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"), NmeaError.BadField },
        { "minutes 61", WithChecksum("GPRMC,123519,A,4861.000,N,01131.000,E,022.4,084.4,230394,003.1,W"), NmeaError.BadField },
        { "hemisphere Q", WithChecksum("GPRMC,123519,A,4807.038,Q,01131.000,E,022.4,084.4,230394,003.1,W"), NmeaError.BadField },
        { "31 February", WithChecksum("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310294,003.1,W"), NmeaError.BadField },
        { "hour 24", WithChecksum("GPGGA,243519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), NmeaError.BadField },
        { "too few GGA fields", WithChecksum("GPGGA,123519,4807.038,N"), NmeaError.BadField },
        { "speed not a number", WithChecksum("GPVTG,054.7,T,034.4,M,fast,N,010.2x,K"), NmeaError.BadField },
    };

    [Theory]
    [MemberData(nameof(BadSentences))]
    public void Bad_sentences_are_a_typed_error(string name, string sentence, NmeaError error)
    {
        var e = Assert.Throws<NmeaException>(() => NmeaParser.Parse(sentence));
        Assert.True(error == e.Error, $"{name}: got {e.Error}");
    }

    [Fact]
    public void Source_combines_sentences_rejects_bad_ones_without_change_and_goes_invalid_when_stale()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var source = new NmeaPositionSource(time, TimeSpan.FromSeconds(2));
        Assert.False(source.Read().IsValid);

        Assert.Null(source.Accept(RmcD));
        Assert.Null(source.Accept(GgaD));
        Assert.Null(source.Accept(VtgD));
        var fix = source.Read();
        var error = source.Accept(RmcS[..^2] + "00");

        Assert.True(fix.IsValid);
        Assert.Equal((545.4, 54.7), (fix.AltitudeMeters!.Value, fix.HeadingDegrees!.Value));
        Assert.Equal(NmeaError.BadChecksum, error!.Error);
        Assert.Equal(fix, source.Read());
        Assert.Equal(1, source.BadSentences);

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(source.Read().IsValid);
    }

    [Fact]
    public void A_void_rmc_makes_the_fix_invalid()
    {
        var source = new NmeaPositionSource(TimeProvider.System, TimeSpan.FromMinutes(1));
        source.Accept(RmcD);

        source.Accept(WithChecksum("GPRMC,123520,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"));

        Assert.False(source.Read().IsValid);
    }

    private static string WithChecksum(string body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return $"${body}*{sum:X2}";
    }
}
