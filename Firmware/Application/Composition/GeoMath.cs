namespace Firmware.Application.Composition;

/// <summary>Distances on a sphere of the IUGG mean Earth radius (6,371,008.8 m), enough for the 4 m CAM trigger.</summary>
public static class GeoMath
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle (haversine) distance in metres between two WGS-84 positions in degrees.</summary>
    public static double DistanceMetres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var p1 = latitude1 * Math.PI / 180;
        var p2 = latitude2 * Math.PI / 180;
        var dp = p2 - p1;
        var dl = (longitude2 - longitude1) * Math.PI / 180;
        var h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
