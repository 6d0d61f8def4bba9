using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// The destination area of a GBC or GAC packet (ETSI EN 302 636-4-1 v1.4.1 §9.8.5, Table 14; shapes
/// per ETSI EN 302 931): centre latitude and longitude (1/10 micro-degree), distances a and b in
/// metres and the azimuth angle of the long side in degrees (0 to 360). For a circle a is the radius
/// and b and the angle are zero.
/// </summary>
public readonly record struct GeoArea(
    GeoAreaShape Shape,
    int CenterLatitudeTenthMicrodegrees,
    int CenterLongitudeTenthMicrodegrees,
    ushort DistanceAMetres,
    ushort DistanceBMetres,
    ushort AngleDegrees)
{
    /// <summary>Centre, distances a and b, angle and the reserved field.</summary>
    public const int Length = 16;

    /// <summary>A circle of <paramref name="radiusMetres"/> around the centre.</summary>
    public static GeoArea Circle(int centerLatitudeTenthMicrodegrees, int centerLongitudeTenthMicrodegrees, ushort radiusMetres) =>
        new(GeoAreaShape.Circle, centerLatitudeTenthMicrodegrees, centerLongitudeTenthMicrodegrees, radiusMetres, 0, 0);

    internal void Write(Span<byte> destination, string field)
    {
        if (!Enum.IsDefined(Shape))
        {
            throw new ArgumentOutOfRangeException(field + ".shape", Shape, "circle, rectangle or ellipse");
        }

        LongPositionVector.CheckLatitude(CenterLatitudeTenthMicrodegrees, field + ".latitude");
        LongPositionVector.CheckLongitude(CenterLongitudeTenthMicrodegrees, field + ".longitude");
        if (Shape == GeoAreaShape.Circle && (DistanceBMetres != 0 || AngleDegrees != 0))
        {
            throw new ArgumentException("a circle has distance b and angle zero (EN 302 636-4-1 §9.8.5)", field);
        }

        if (AngleDegrees > 360)
        {
            throw new ArgumentOutOfRangeException(field + ".angle", AngleDegrees, "0 to 360 degrees");
        }

        BinaryPrimitives.WriteInt32BigEndian(destination, CenterLatitudeTenthMicrodegrees);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], CenterLongitudeTenthMicrodegrees);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], DistanceAMetres);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], DistanceBMetres);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], AngleDegrees);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], 0);
    }

    internal static GeoArea Read(GnReader reader, GeoAreaShape shape, string field)
    {
        using var scope = reader.Enter(field);
        var latitude = reader.ReadInt32("latitude");
        if (latitude is < -LongPositionVector.MaxLatitude or > LongPositionVector.MaxLatitude)
        {
            throw reader.ErrorAt("latitude", reader.Position - 4, $"latitude {latitude} outside ±{LongPositionVector.MaxLatitude}");
        }

        var longitude = reader.ReadInt32("longitude");
        if (longitude is < -LongPositionVector.MaxLongitude or > LongPositionVector.MaxLongitude)
        {
            throw reader.ErrorAt("longitude", reader.Position - 4, $"longitude {longitude} outside ±{LongPositionVector.MaxLongitude}");
        }

        var a = reader.ReadUInt16("distanceA");
        var b = reader.ReadUInt16("distanceB");
        if (shape == GeoAreaShape.Circle)
        {
            reader.ExpectZero(b, 2, "distanceB");
        }

        var angle = reader.ReadUInt16("angle");
        if (shape == GeoAreaShape.Circle)
        {
            reader.ExpectZero(angle, 2, "angle");
        }
        else if (angle > 360)
        {
            throw reader.ErrorAt("angle", reader.Position - 2, $"angle {angle} outside 0..360");
        }

        reader.ExpectZero(reader.ReadUInt16("reserved"), 2, "reserved");
        return new GeoArea(shape, latitude, longitude, a, b, angle);
    }
}
