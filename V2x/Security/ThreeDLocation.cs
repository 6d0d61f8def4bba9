using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 ThreeDLocation ::= SEQUENCE { latitude, longitude, elevation Elevation } (1609.2-2022
/// §6.3 base types); Elevation ::= Uint16 in decimetres offset by 4096 (−409.5 m .. +6143.9 m).
/// </summary>
public readonly record struct ThreeDLocation(int LatitudeTenthMicrodegrees, int LongitudeTenthMicrodegrees, ushort Elevation)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new TwoDLocation(LatitudeTenthMicrodegrees, LongitudeTenthMicrodegrees).Encode(writer);
        writer.WriteUInt16(Elevation);
    }

    public static ThreeDLocation Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var two = TwoDLocation.Decode(reader);
        return new ThreeDLocation(two.LatitudeTenthMicrodegrees, two.LongitudeTenthMicrodegrees, reader.ReadUInt16());
    }
}
