using System.Buffers.Binary;
using System.Text;

namespace Hardware.Flash;

/// <summary>
/// The header at the start of every image partition (bootloader, os, idf, app): this project's
/// design, similar in spirit to ESP-IDF's esp_app_desc_t (magic word, version, project name,
/// secure_version, build time). 128 bytes, little-endian:
/// <code>
///   0   4  magic "OBUI" (4F 42 55 49)
///   4   2  header format version (1)
///   6   2  header length (128)
///   8   4  secure version: the anti-rollback counter
///  12   4  body length in bytes (the image bytes that follow the header)
///  16   8  build time, Unix seconds (signed)
///  24  32  image name, ASCII, NUL-padded
///  56  32  version string, ASCII, NUL-padded
///  88  36  reserved, zero
/// 124   4  CRC-32 (ISO-HDLC) of bytes 0..123
/// </code>
/// The CRC only detects a torn or corrupted header; authenticity comes from the signed
/// reference manifest the secure boot chain checks the whole image against.
/// </summary>
/// <param name="ImageName">Up to 32 printable ASCII characters.</param>
/// <param name="Version">Up to 32 printable ASCII characters (for example "1.4.2").</param>
/// <param name="SecureVersion">The anti-rollback counter (ESP-IDF secure_version).</param>
/// <param name="BuildTime">When the image was built (whole seconds).</param>
/// <param name="BodyLengthBytes">Length of the body after the header.</param>
public sealed record FirmwareImageHeader(
    string ImageName, string Version, uint SecureVersion, DateTimeOffset BuildTime, uint BodyLengthBytes)
{
    /// <summary>Size of the header.</summary>
    public const int SizeBytes = 128;

    /// <summary>The header format version this code writes and reads.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>Longest image name or version string.</summary>
    public const int MaxTextBytes = 32;

    private static readonly byte[] Magic = "OBUI"u8.ToArray();

    /// <summary>Total image length: header plus body.</summary>
    public long ImageLengthBytes => SizeBytes + (long)BodyLengthBytes;

    /// <summary>Parses a header.</summary>
    /// <param name="bytes">At least the first 128 bytes of the partition.</param>
    /// <param name="partitionSizeBytes">When given, header plus body must fit in it.</param>
    /// <exception cref="FirmwareImageException">The bytes are not a valid header.</exception>
    public static FirmwareImageHeader Parse(ReadOnlySpan<byte> bytes, long? partitionSizeBytes = null)
    {
        if (bytes.Length < SizeBytes)
        {
            throw new FirmwareImageException(FirmwareImageError.Truncated, $"A header needs {SizeBytes} bytes, got {bytes.Length}.");
        }

        var h = bytes[..SizeBytes];
        if (!h[..4].SequenceEqual(Magic))
        {
            throw new FirmwareImageException(FirmwareImageError.BadMagic, "No image header (magic is not \"OBUI\").");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(h[124..]) != Crc32.Compute(h[..124]))
        {
            throw new FirmwareImageException(FirmwareImageError.BadChecksum, "The header CRC-32 does not match.");
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(h[6..]);
        if (format != FormatVersion || length != SizeBytes)
        {
            throw new FirmwareImageException(FirmwareImageError.UnsupportedFormat, $"Header format {format} length {length} is not supported.");
        }

        if (h.Slice(88, 36).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new FirmwareImageException(FirmwareImageError.BadReserved, "Reserved header bytes are not zero.");
        }

        var header = new FirmwareImageHeader(
            ReadText(h.Slice(24, MaxTextBytes)),
            ReadText(h.Slice(56, MaxTextBytes)),
            BinaryPrimitives.ReadUInt32LittleEndian(h[8..]),
            DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(h[16..]),
                DateTimeOffset.MinValue.ToUnixTimeSeconds(), DateTimeOffset.MaxValue.ToUnixTimeSeconds())),
            BinaryPrimitives.ReadUInt32LittleEndian(h[12..]));
        if (partitionSizeBytes is { } size && header.ImageLengthBytes > size)
        {
            throw new FirmwareImageException(FirmwareImageError.BodyTooLong,
                $"Header plus body ({header.ImageLengthBytes} bytes) do not fit in the partition ({size} bytes).");
        }

        return header;
    }

    /// <summary>Reads and parses the header at the start of a partition.</summary>
    /// <exception cref="FirmwareImageException">The partition holds no valid header.</exception>
    public static FirmwareImageHeader Read(IFlashImage flash, string label)
    {
        ArgumentNullException.ThrowIfNull(flash);
        var partition = flash.Partitions[label];
        if (partition.SizeBytes < SizeBytes)
        {
            throw new FirmwareImageException(FirmwareImageError.Truncated, $"Partition '{label}' is smaller than a header.");
        }

        Span<byte> bytes = stackalloc byte[SizeBytes];
        flash.Read(label, 0, bytes);
        return Parse(bytes, partition.SizeBytes);
    }

    /// <summary>Writes the 128-byte header.</summary>
    /// <exception cref="ArgumentException">A text field is too long or not printable ASCII.</exception>
    public byte[] ToBytes()
    {
        var h = new byte[SizeBytes];
        Magic.CopyTo(h, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), SizeBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), SecureVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), BodyLengthBytes);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(16), BuildTime.ToUnixTimeSeconds());
        WriteText(ImageName, h.AsSpan(24, MaxTextBytes), nameof(ImageName));
        WriteText(Version, h.AsSpan(56, MaxTextBytes), nameof(Version));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(124), Crc32.Compute(h.AsSpan(0, 124)));
        return h;
    }

    private static string ReadText(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = end < 0 ? field : field[..end];
        if (text.IsEmpty || (end >= 0 && field[end..].IndexOfAnyExcept((byte)0) >= 0))
        {
            throw new FirmwareImageException(FirmwareImageError.BadText, "A text field is empty or not NUL-padded.");
        }

        foreach (var b in text)
        {
            if (b < 0x20 || b > 0x7E)
            {
                throw new FirmwareImageException(FirmwareImageError.BadText, "A text field is not printable ASCII.");
            }
        }

        return Encoding.ASCII.GetString(text);
    }

    private static void WriteText(string text, Span<byte> field, string name)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextBytes || text.Any(c => c < 0x20 || c > 0x7E))
        {
            throw new ArgumentException($"{name} must be 1 to {MaxTextBytes} printable ASCII characters.", name);
        }

        Encoding.ASCII.GetBytes(text, field);
    }
}
