using Firmware.Application.Trust;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Tests.Application.Trust;

/// <summary>Positions against a ticket's region (IEEE 1609.2-2016 §6.4.17 GeographicRegion), pass and fail rows per kind.</summary>
public sealed class RegionCheckTests
{
    private static readonly HashSet<ushort> Germany = [276];

    // Munich Marienplatz, in 1/10 µ°.
    private const int Lat = 481_374_300;
    private const int Lon = 115_754_900;

    private static readonly TwoDLocation Centre = new(Lat, Lon);

    public static TheoryData<string, GeographicRegion, int, int, bool> Rows => new()
    {
        { "circle 500 m: the centre", GeographicRegion.FromCircle(new CircularRegion(Centre, 500)), Lat, Lon, true },
        { "circle 500 m: 444 m north (0.004°)", GeographicRegion.FromCircle(new CircularRegion(Centre, 500)), Lat + 40_000, Lon, true },
        { "circle 500 m: 556 m north (0.005°)", GeographicRegion.FromCircle(new CircularRegion(Centre, 500)), Lat + 50_000, Lon, false },
        { "rectangle around Munich: inside", GeographicRegion.FromRectangles([new RectangularRegion(new TwoDLocation(482_000_000, 114_000_000), new TwoDLocation(480_000_000, 117_000_000))]), Lat, Lon, true },
        { "rectangle around Munich: west of it", GeographicRegion.FromRectangles([new RectangularRegion(new TwoDLocation(482_000_000, 114_000_000), new TwoDLocation(480_000_000, 117_000_000))]), Lat, 113_000_000, false },
        { "rectangle across the antimeridian: inside", GeographicRegion.FromRectangles([new RectangularRegion(new TwoDLocation(10_000_000, 1_790_000_000), new TwoDLocation(-10_000_000, -1_790_000_000))]), 0, 1_795_000_000, true },
        { "triangle: inside (11.52° E; its east side is at 11.563° there)", GeographicRegion.FromPolygon([new TwoDLocation(482_000_000, 115_000_000), new TwoDLocation(480_000_000, 114_000_000), new TwoDLocation(480_000_000, 117_000_000)]), Lat, 115_200_000, true },
        { "triangle: outside its west side (11.43° E; the side is at 11.495° there)", GeographicRegion.FromPolygon([new TwoDLocation(482_000_000, 115_000_000), new TwoDLocation(480_000_000, 114_000_000), new TwoDLocation(480_000_000, 117_000_000)]), 481_900_000, 114_300_000, false },
        { "identified: Germany, operating in Germany", GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]), Lat, Lon, true },
        { "identified: France, operating in Germany", GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(250)]), Lat, Lon, false },
        { "identified: Germany with regions (cannot be checked: fail closed)", GeographicRegion.FromIdentified([IdentifiedRegion.CountryAndRegions(276, [9])]), Lat, Lon, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_position_is_in_the_region_or_not(string name, GeographicRegion region, int latitude, int longitude, bool inside) =>
        Assert.True(inside == RegionCheck.Contains(region, latitude, longitude, Germany), name);

    [Fact]
    public void One_degree_of_latitude_is_111_195_m()
    {
        // Known answer: π R / 180 with the IUGG mean Earth radius R = 6,371,008.8 m (Moritz, Geodetic Reference System 1980).
        Assert.Equal(111_195.08, RegionCheck.DistanceMetres(new TwoDLocation(0, 0), 10_000_000, 0), 0.01);
    }
}
