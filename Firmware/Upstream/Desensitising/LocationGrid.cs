using Cti.Sharing;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// Coarse location (ITU-T X.1382 §6.2 c: location is the owner's private information; §7.3
/// desensitisation): a precise fix becomes the south-west corner of its grid cell, a square of
/// <see cref="CellDegrees"/> in latitude and longitude (0.1° is about 11 km north-south).
/// </summary>
public sealed class LocationGrid
{
    /// <summary>Smallest cell accepted (0.01°, about 1.1 km): anything finer is not coarse.</summary>
    public const decimal MinCellDegrees = 0.01m;

    /// <summary>Largest cell accepted.</summary>
    public const decimal MaxCellDegrees = 10m;

    /// <summary>A grid of cells <paramref name="cellDegrees"/> wide (0.01 to 10, at most two decimals).</summary>
    public LocationGrid(decimal cellDegrees)
    {
        if (cellDegrees < MinCellDegrees || cellDegrees > MaxCellDegrees || decimal.Round(cellDegrees, 2) != cellDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(cellDegrees), cellDegrees, $"a cell is {MinCellDegrees} to {MaxCellDegrees} degrees with at most two decimals");
        }

        CellDegrees = cellDegrees;
        Decimals = decimal.Round(cellDegrees, 0) == cellDegrees ? 0 : decimal.Round(cellDegrees, 1) == cellDegrees ? 1 : 2;
    }

    /// <summary>Cell size in degrees.</summary>
    public decimal CellDegrees { get; }

    /// <summary>Decimal places a cell corner is written with.</summary>
    public int Decimals { get; }

    /// <summary>The cell holding a WGS-84 position, as its south-west corner.</summary>
    public CoarseLocation Cell(double latitudeDegrees, double longitudeDegrees)
    {
        if (!double.IsFinite(latitudeDegrees) || latitudeDegrees is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "latitude is -90..90 degrees");
        }

        if (!double.IsFinite(longitudeDegrees) || longitudeDegrees is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "longitude is -180..180 degrees");
        }

        return CoarseLocation.Round(Corner(latitudeDegrees), Corner(longitudeDegrees), Decimals);
    }

    /// <summary>True when a coordinate lies on a cell corner of this grid.</summary>
    public bool IsCorner(double degrees) =>
        double.IsFinite(degrees) && Math.Abs(degrees) <= 180 && (decimal)degrees % CellDegrees == 0;

    private double Corner(double degrees) => (double)(decimal.Floor((decimal)degrees / CellDegrees) * CellDegrees);
}
