using System.Buffers.Binary;

namespace V2x.GeoNetworking;

/// <summary>
/// The long position vector (ETSI EN 302 636-4-1 v1.4.1 §9.5.2), 24 octets: GN_ADDR, TST, latitude
/// and longitude (signed, 1/10 micro-degree, WGS84), position accuracy indicator PAI (1 bit), speed
/// (signed 15 bits, 0.01 m/s) and heading (0.1° clockwise from north, 0 to 3599).
/// </summary>
public readonly record struct LongPositionVector(
    GnAddress Address,
    GnTimestamp Timestamp,
    int LatitudeTenthMicrodegrees,
    int LongitudeTenthMicrodegrees,
    bool PositionAccurate,
    short SpeedCentimetresPerSecond,
    ushort HeadingDeciDegrees)
{
    public const int Length = 24;
    public const int MaxLatitude = 900000000;
    public const int MaxLongitude = 1800000000;
    public const short MinSpeed = -16384;
    public const short MaxSpeed = 16383;
    public const ushort MaxHeading = 3599;

    internal void Write(Span<byte> destination, string field)
    {
        CheckLatitude(LatitudeTenthMicrodegrees, field + ".latitude");
        CheckLongitude(LongitudeTenthMicrodegrees, field + ".longitude");
        if (SpeedCentimetresPerSecond is < MinSpeed or > MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(field + ".speed", SpeedCentimetresPerSecond, "the speed has 15 signed bits");
        }

        if (HeadingDeciDegrees > MaxHeading)
        {
            throw new ArgumentOutOfRangeException(field + ".heading", HeadingDeciDegrees, "heading is 0 to 3599 (0.1°)");
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, Address.ToUInt64());
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Timestamp.Milliseconds);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], LatitudeTenthMicrodegrees);
        BinaryPrimitives.WriteInt32BigEndian(destination[16..], LongitudeTenthMicrodegrees);
        var speed = (ushort)(SpeedCentimetresPerSecond & 0x7FFF);
        BinaryPrimitives.WriteUInt16BigEndian(destination[20..], (ushort)((PositionAccurate ? 0x8000 : 0) | speed));
        BinaryPrimitives.WriteUInt16BigEndian(destination[22..], HeadingDeciDegrees);
    }

    internal static LongPositionVector Read(GnReader reader, string field)
    {
        using var scope = reader.Enter(field);
        var address = GnAddress.Read(reader, "address");
        var timestamp = new GnTimestamp(reader.ReadUInt32("timestamp"));
        var latitude = reader.ReadInt32("latitude");
        if (latitude is < -MaxLatitude or > MaxLatitude)
        {
            throw reader.ErrorAt("latitude", reader.Position - 4, $"latitude {latitude} outside ±{MaxLatitude}");
        }

        var longitude = reader.ReadInt32("longitude");
        if (longitude is < -MaxLongitude or > MaxLongitude)
        {
            throw reader.ErrorAt("longitude", reader.Position - 4, $"longitude {longitude} outside ±{MaxLongitude}");
        }

        var paiSpeed = reader.ReadUInt16("speed");

        // Speed: the low 15 bits, two's complement (sign-extended from bit 14).
        var speed = (short)((short)(paiSpeed << 1) >> 1);
        var heading = reader.ReadUInt16("heading");
        if (heading > MaxHeading)
        {
            throw reader.ErrorAt("heading", reader.Position - 2, $"heading {heading} outside 0..{MaxHeading}");
        }

        return new LongPositionVector(address, timestamp, latitude, longitude, (paiSpeed & 0x8000) != 0, speed, heading);
    }

    internal static void CheckLatitude(int latitude, string field)
    {
        if (latitude is < -MaxLatitude or > MaxLatitude)
        {
            throw new ArgumentOutOfRangeException(field, latitude, $"latitude outside ±{MaxLatitude} (1/10 µ°)");
        }
    }

    internal static void CheckLongitude(int longitude, string field)
    {
        if (longitude is < -MaxLongitude or > MaxLongitude)
        {
            throw new ArgumentOutOfRangeException(field, longitude, $"longitude outside ±{MaxLongitude} (1/10 µ°)");
        }
    }
}
