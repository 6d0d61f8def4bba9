using Firmware.Application.Composition;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Trust;

/// <summary>
/// Whether a position lies in a certificate's region (IEEE 1609.2-2016 §6.4 GeographicRegion):
/// circles by great-circle distance, rectangles and polygons in latitude/longitude, identified regions by
/// the receiver's operating countries (UN M.49 codes). A receiver has no boundary data for countries, so an
/// identified region matches when it names a country the receiver operates in (a sender in radio range is
/// in the same country); country-and-region or subregion entries cannot be checked and never match (fail closed).
/// </summary>
public static class RegionCheck
{
    private const double TenthMicrodegree = 1e-7;

    /// <summary>Whether the position (1/10 µ°) lies in the region.</summary>
    public static bool Contains(GeographicRegion region, int latitude, int longitude, IReadOnlySet<ushort> operatingCountries)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(operatingCountries);
        return region.Kind switch
        {
            RegionKind.Circular => DistanceMetres(region.Circle.Center, latitude, longitude) <= region.Circle.RadiusMetres,
            RegionKind.Rectangular => region.Rectangles.Any(r => InRectangle(r, latitude, longitude)),
            RegionKind.Polygonal => InPolygon(region.Polygon, latitude, longitude),
            _ => region.Identified.Any(i => i.Kind == IdentifiedRegionKind.CountryOnly && operatingCountries.Contains(i.Country)),
        };
    }

    /// <summary>Great-circle distance in metres from a region's point to a position in 1/10 µ° (<see cref="GeoMath"/>).</summary>
    public static double DistanceMetres(TwoDLocation a, int latitude, int longitude) =>
        GeoMath.DistanceMetres(a.LatitudeTenthMicrodegrees * TenthMicrodegree, a.LongitudeTenthMicrodegrees * TenthMicrodegree,
            latitude * TenthMicrodegree, longitude * TenthMicrodegree);

    private static bool InRectangle(RectangularRegion r, int latitude, int longitude)
    {
        if (latitude > r.NorthWest.LatitudeTenthMicrodegrees || latitude < r.SouthEast.LatitudeTenthMicrodegrees)
        {
            return false;
        }

        var west = r.NorthWest.LongitudeTenthMicrodegrees;
        var east = r.SouthEast.LongitudeTenthMicrodegrees;
        return west <= east ? longitude >= west && longitude <= east : longitude >= west || longitude <= east;
    }

    // Ray casting (even-odd rule) in the latitude/longitude plane; 1609.2 joins the vertices with straight
    // lines in that plane and closes the polygon from the last vertex to the first.
    private static bool InPolygon(IReadOnlyList<TwoDLocation> vertices, int latitude, int longitude)
    {
        var inside = false;
        for (int i = 0, j = vertices.Count - 1; i < vertices.Count; j = i++)
        {
            double yi = vertices[i].LatitudeTenthMicrodegrees, xi = vertices[i].LongitudeTenthMicrodegrees;
            double yj = vertices[j].LatitudeTenthMicrodegrees, xj = vertices[j].LongitudeTenthMicrodegrees;
            if ((yi > latitude) != (yj > latitude) && longitude < ((xj - xi) * (latitude - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
