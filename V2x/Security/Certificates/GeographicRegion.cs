using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>The alternatives of GeographicRegion (IEEE 1609.2-2016 §6.4), in tag order.</summary>
public enum RegionKind
{
    Circular = 0,
    Rectangular = 1,
    Polygonal = 2,
    Identified = 3,
}

/// <summary>CircularRegion ::= SEQUENCE { center TwoDLocation, radius Uint16 (metres) }.</summary>
public readonly record struct CircularRegion(TwoDLocation Center, ushort RadiusMetres);

/// <summary>RectangularRegion ::= SEQUENCE { northWest TwoDLocation, southEast TwoDLocation }.</summary>
public readonly record struct RectangularRegion(TwoDLocation NorthWest, TwoDLocation SouthEast);

/// <summary>
/// IEEE 1609.2 GeographicRegion ::= CHOICE { circularRegion, rectangularRegion
/// SequenceOfRectangularRegion, polygonalRegion (SIZE(3..MAX) OF TwoDLocation), identifiedRegion
/// SequenceOfIdentifiedRegion, ... } (1609.2-2016 §6.4).
/// </summary>
public sealed record GeographicRegion
{
    private GeographicRegion(RegionKind kind)
    {
        Kind = kind;
    }

    public RegionKind Kind { get; }

    public CircularRegion Circle { get; private init; }

    public IReadOnlyList<RectangularRegion> Rectangles { get; private init; } = [];

    public IReadOnlyList<TwoDLocation> Polygon { get; private init; } = [];

    public IReadOnlyList<IdentifiedRegion> Identified { get; private init; } = [];

    public static GeographicRegion FromCircle(CircularRegion circle) => new(RegionKind.Circular) { Circle = circle };

    public static GeographicRegion FromRectangles(IReadOnlyList<RectangularRegion> rectangles)
    {
        ArgumentNullException.ThrowIfNull(rectangles);
        return new GeographicRegion(RegionKind.Rectangular) { Rectangles = rectangles };
    }

    public static GeographicRegion FromPolygon(IReadOnlyList<TwoDLocation> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count < 3)
        {
            throw new ArgumentException("a polygon has at least three vertices", nameof(vertices));
        }

        return new GeographicRegion(RegionKind.Polygonal) { Polygon = vertices };
    }

    public static GeographicRegion FromIdentified(IReadOnlyList<IdentifiedRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return new GeographicRegion(RegionKind.Identified) { Identified = regions };
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        switch (Kind)
        {
            case RegionKind.Circular:
                Circle.Center.Encode(writer);
                writer.WriteUInt16(Circle.RadiusMetres);
                break;
            case RegionKind.Rectangular:
                writer.WriteQuantity(Rectangles.Count);
                foreach (var r in Rectangles)
                {
                    r.NorthWest.Encode(writer);
                    r.SouthEast.Encode(writer);
                }

                break;
            case RegionKind.Polygonal:
                writer.WriteQuantity(Polygon.Count);
                foreach (var p in Polygon)
                {
                    p.Encode(writer);
                }

                break;
            default:
                writer.WriteQuantity(Identified.Count);
                foreach (var i in Identified)
                {
                    i.Encode(writer);
                }

                break;
        }
    }

    public static GeographicRegion Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (RegionKind)reader.ReadChoiceIndex(4, 0, out _);
        switch (kind)
        {
            case RegionKind.Circular:
                reader.Push("circularRegion");
                var center = TwoDLocation.Decode(reader);
                var radius = reader.ReadUInt16();
                reader.Pop();
                return FromCircle(new CircularRegion(center, radius));
            case RegionKind.Rectangular:
                reader.Push("rectangularRegion");
                var rects = new RectangularRegion[reader.ReadQuantity(minElementOctets: 16)];
                for (var i = 0; i < rects.Length; i++)
                {
                    rects[i] = new RectangularRegion(TwoDLocation.Decode(reader), TwoDLocation.Decode(reader));
                }

                reader.Pop();
                return FromRectangles(rects);
            case RegionKind.Polygonal:
                reader.Push("polygonalRegion");
                var points = new TwoDLocation[reader.ReadQuantity(minElementOctets: 8, minCount: 3)];
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = TwoDLocation.Decode(reader);
                }

                reader.Pop();
                return FromPolygon(points);
            default:
                reader.Push("identifiedRegion");
                var regions = new IdentifiedRegion[reader.ReadQuantity(minElementOctets: 3)];
                for (var i = 0; i < regions.Length; i++)
                {
                    regions[i] = IdentifiedRegion.Decode(reader);
                }

                reader.Pop();
                return FromIdentified(regions);
        }
    }
}
