using System;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Security;

/// <summary>
/// IEEE 1609.2 ThreeDLocation (1609.2-2022 §6.3 base types): latitude and longitude in 1/10 µ°
/// (INTEGER ranges of four octets) and Elevation, Uint16 decimetres offset by 4096; a DENM's
/// generationLocation (ETSI TS 103 097 v2.1.1 §7.1.2).
/// </summary>
public sealed class ThreeDLocation
{
    /// <summary>Latitude ::= INTEGER (-900000000..900000001).</summary>
    public const int LatitudeMin = -900000000;

    /// <summary>Upper end of Latitude (900000001: unavailable).</summary>
    public const int LatitudeMax = 900000001;

    /// <summary>Longitude ::= INTEGER (-1799999999..1800000001).</summary>
    public const int LongitudeMin = -1799999999;

    /// <summary>Upper end of Longitude (1800000001: unavailable).</summary>
    public const int LongitudeMax = 1800000001;

    /// <summary>A location.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Latitude or longitude outside its range.</exception>
    public ThreeDLocation(int latitudeTenthMicrodegrees, int longitudeTenthMicrodegrees, ushort elevation)
    {
        if (latitudeTenthMicrodegrees < LatitudeMin || latitudeTenthMicrodegrees > LatitudeMax)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeTenthMicrodegrees));
        }

        if (longitudeTenthMicrodegrees < LongitudeMin || longitudeTenthMicrodegrees > LongitudeMax)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeTenthMicrodegrees));
        }

        LatitudeTenthMicrodegrees = latitudeTenthMicrodegrees;
        LongitudeTenthMicrodegrees = longitudeTenthMicrodegrees;
        Elevation = elevation;
    }

    /// <summary>Latitude in 1/10 µ°.</summary>
    public int LatitudeTenthMicrodegrees { get; }

    /// <summary>Longitude in 1/10 µ°.</summary>
    public int LongitudeTenthMicrodegrees { get; }

    /// <summary>Elevation: decimetres above −409.5 m.</summary>
    public ushort Elevation { get; }

    /// <summary>Appends the ten octets.</summary>
    public void Encode(OerWriter writer)
    {
        if (writer == null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        // X.696 §10.4: both ranges need four octets of two's complement.
        writer.WriteInt32(LatitudeTenthMicrodegrees);
        writer.WriteInt32(LongitudeTenthMicrodegrees);
        writer.WriteUInt16(Elevation);
    }
}
