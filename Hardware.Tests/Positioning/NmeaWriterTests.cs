using Hardware.Positioning;

namespace Hardware.Tests.Positioning;

/// <summary>NmeaWriter's sentences read back through NmeaParser (the one parser) to the values written.</summary>
public sealed class NmeaWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 2, 10, 0, 1, 500, TimeSpan.Zero);

    public static TheoryData<string, double, double> Positions => new()
    {
        { "Munich (N, E)", 48.13743, 11.57549 },
        { "Buenos Aires (S, W)", -34.60372, -58.38159 },
        { "just under a whole degree", 47.99999999, 8.99999999 },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Rmc_and_gga_read_back(string name, double latitude, double longitude)
    {
        var fix = new PositionFix(true, latitude, longitude, 519.5, 13.9, 87.5, Time, 2.5);

        var rmc = Assert.IsType<NmeaRmc>(NmeaParser.Parse(NmeaWriter.Rmc(fix)));
        var gga = Assert.IsType<NmeaGga>(NmeaParser.Parse(NmeaWriter.Gga(fix)));

        Assert.True(rmc.IsValid, name);
        Assert.Equal(latitude, rmc.LatitudeDegrees, 5);
        Assert.Equal(longitude, rmc.LongitudeDegrees, 5);
        Assert.Equal(Time, rmc.FixTime);
        Assert.Equal(13.9, rmc.SpeedMetersPerSecond!.Value, 2);
        Assert.Equal(87.5, rmc.CourseDegrees!.Value, 1);
        Assert.Equal(519.5, gga.AltitudeMeters!.Value, 1);
        Assert.Equal(0.5, gga.Hdop!.Value, 1);
    }

    [Fact]
    public void No_fix_is_status_v_and_quality_0()
    {
        var rmc = Assert.IsType<NmeaRmc>(NmeaParser.Parse(NmeaWriter.Rmc(PositionFix.Invalid(Time))));
        var gga = Assert.IsType<NmeaGga>(NmeaParser.Parse(NmeaWriter.Gga(PositionFix.Invalid(Time))));

        Assert.False(rmc.IsValid);
        Assert.Equal(0, gga.Quality);
    }
}
