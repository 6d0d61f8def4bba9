namespace Hardware.Positioning.Sumo;

/// <summary>The TraCI data type codes this client reads and writes (TraCI/Protocol, "Data types").</summary>
public static class TraciType
{
    /// <summary>Longitude and latitude, two doubles (degrees).</summary>
    public const byte PositionLonLat = 0x00;

    /// <summary>Network x and y, two doubles (metres).</summary>
    public const byte Position2D = 0x01;

    /// <summary>Longitude, latitude and altitude, three doubles.</summary>
    public const byte PositionLonLatAlt = 0x02;

    /// <summary>Network x, y and z, three doubles.</summary>
    public const byte Position3D = 0x03;

    /// <summary>Unsigned byte.</summary>
    public const byte UByte = 0x07;

    /// <summary>Signed 32-bit integer.</summary>
    public const byte Integer = 0x09;

    /// <summary>IEEE 754 double.</summary>
    public const byte Double = 0x0B;

    /// <summary>String: a 32-bit length and its bytes.</summary>
    public const byte String = 0x0C;

    /// <summary>String list: a 32-bit count and that many strings.</summary>
    public const byte StringList = 0x0E;

    /// <summary>Compound: a 32-bit item count and that many typed items.</summary>
    public const byte Compound = 0x0F;
}
