using Firmware.Upstream.Desensitising;

namespace Firmware.Tests.Upstream.Desensitising;

/// <summary>A precise WGS-84 fix becomes the south-west corner of its grid cell; nonsense is refused.</summary>
public sealed class LocationGridTests
{
    public static TheoryData<string, double, double, decimal, double, double> Cells => new()
    {
        { "Munich Marienplatz, 0.1°", 48.137154, 11.576124, 0.1m, 48.1, 11.5 },
        { "Sydney, southern and eastern", -33.868820, 151.209296, 0.1m, -33.9, 151.2 },
        { "Munich, 1°", 48.137154, 11.576124, 1m, 48, 11 },
        { "Munich, 0.05°", 48.137154, 11.576124, 0.05m, 48.1, 11.55 },
        { "Munich, 0.01°", 48.137154, 11.576124, 0.01m, 48.13, 11.57 },
        { "on a corner", 48.2, 11.6, 0.1m, 48.2, 11.6 },
        { "just west of Greenwich", 51.4779, -0.0015, 0.1m, 51.4, -0.1 },
        { "poles and antimeridian", 90, -180, 0.1m, 90, -180 },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_fix_becomes_its_cells_south_west_corner(string name, double lat, double lon, decimal cell, double cornerLat, double cornerLon)
    {
        var grid = new LocationGrid(cell);
        var c = grid.Cell(lat, lon);
        Assert.True(cornerLat == c.Latitude && cornerLon == c.Longitude, $"{name}: {c.Latitude}, {c.Longitude}");
        Assert.True(grid.IsCorner(c.Latitude) && grid.IsCorner(c.Longitude), name);
        Assert.False(grid.IsCorner(lat) && grid.IsCorner(lon) && (lat != cornerLat || lon != cornerLon), name);
    }

    public static TheoryData<string, double, double> BadFixes => new()
    {
        { "latitude NaN", double.NaN, 11 },
        { "latitude 91", 91, 11 },
        { "longitude -181", 48, -181 },
        { "longitude infinite", 48, double.PositiveInfinity },
    };

    [Theory]
    [MemberData(nameof(BadFixes))]
    public void A_position_out_of_range_is_a_callers_mistake(string name, double lat, double lon)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LocationGrid(0.1m).Cell(lat, lon));
        Assert.False(string.IsNullOrEmpty(e.ParamName), name);
    }

    [Theory]
    [InlineData("0.005")]
    [InlineData("0.125")]
    [InlineData("11")]
    [InlineData("0")]
    public void Cells_finer_than_a_hundredth_or_too_large_are_refused(string cell)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocationGrid(decimal.Parse(cell, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(48.137154, false)]
    [InlineData(48.13, false)]
    [InlineData(48.1, true)]
    [InlineData(-180, true)]
    [InlineData(double.NaN, false)]
    public void Only_cell_corners_are_corners(double degrees, bool corner)
    {
        Assert.Equal(corner, new LocationGrid(0.1m).IsCorner(degrees));
    }
}
