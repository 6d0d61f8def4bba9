using V2x.Oer;

namespace V2x.Security;

/// <summary>IEEE 1609.2 MissingCrlIdentifier ::= SEQUENCE { cracaId HashedId3, crlSeries CrlSeries, ... } (1609.2-2022 §6.3).</summary>
public sealed record MissingCrlIdentifier(HashedId3 CracaId, ushort CrlSeries)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(extensible: true, extensionPresent: false, 0, 0);
        CracaId.Encode(writer);
        writer.WriteUInt16(CrlSeries);
    }

    public static MissingCrlIdentifier Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadPreamble(extensible: true, 0, out var extension);
        var craca = HashedId3.Decode(reader);
        var series = reader.ReadUInt16();
        if (extension)
        {
            SkipUnknownAdditions(reader);
        }

        return new MissingCrlIdentifier(craca, series);
    }

    /// <summary>Skips extension additions a receiver does not know (X.696 §16.5: each is an open type).</summary>
    internal static void SkipUnknownAdditions(OerReader reader)
    {
        var bitmap = reader.ReadExtensionBitmap();
        for (var i = 0; i < bitmap.BitCount; i++)
        {
            if (bitmap.IsPresent(i))
            {
                reader.ReadOpenTypeBytes();
            }
        }
    }
}
