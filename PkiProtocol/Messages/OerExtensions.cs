using V2x.Oer;

namespace PkiProtocol.Messages;

/// <summary>Shared OER steps of the TS 102 941 types.</summary>
internal static class OerExtensions
{
    /// <summary>Skips the extension additions of a type whose additions this decoder does not know (X.696 §16.5: each an open type).</summary>
    public static void SkipAdditions(OerReader reader, bool extensionPresent)
    {
        if (!extensionPresent)
        {
            return;
        }

        var bitmap = reader.ReadExtensionBitmap();
        for (var i = 0; i < bitmap.BitCount; i++)
        {
            if (bitmap.IsPresent(i))
            {
                reader.ReadOpenTypeBytes();
            }
        }
    }

    /// <summary>Reads a fixed-size field under its name.</summary>
    public static ReadOnlyMemory<byte> ReadFixed(OerReader reader, string name, int size)
    {
        reader.Push(name);
        var value = reader.ReadFixedOctets(size);
        reader.Pop();
        return value;
    }

    /// <summary>CertificateFormat ::= INTEGER { ts103097v131 (1) } (1..255): one octet (X.696 §10.3).</summary>
    public static byte ReadCertificateFormat(OerReader reader)
    {
        reader.Push("certificateFormat");
        var at = reader.Position;
        var format = reader.ReadUInt8();
        if (format == 0)
        {
            throw reader.FailAt(at, "certificateFormat 0 is outside 1..255");
        }

        reader.Pop();
        return format;
    }

    /// <summary>The 16-octet request hash of TS 102 941 v1.4.1 responses: the leftmost 16 octets of SHA-256 over the whole request message.</summary>
    public static byte[] RequestHash(ReadOnlySpan<byte> requestMessage) =>
        System.Security.Cryptography.SHA256.HashData(requestMessage)[..16];
}
