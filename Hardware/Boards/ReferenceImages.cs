using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hardware.Flash;

namespace Hardware.Boards;

/// <summary>
/// Deterministic reference images for the simulated board: the same label, version and secure
/// version always give the same bytes, so a bench and a test can compute the expected SHA-256
/// without the flash. Body bytes are a fixed pattern (xorshift64* from a SHA-256 seed) filling
/// three quarters of the partition after the header; the rest stays erased (0xFF).
/// </summary>
public static class ReferenceImages
{
    /// <summary>Build time written into every reference image header.</summary>
    public static DateTimeOffset BuildTime { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The header of a reference image.</summary>
    public static FirmwareImageHeader Header(string label, long partitionSizeBytes, string version, uint secureVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionSizeBytes, FirmwareImageHeader.SizeBytes + 4L);
        var body = (uint)Math.Min(uint.MaxValue, (partitionSizeBytes * 3 / 4) - FirmwareImageHeader.SizeBytes);
        return new FirmwareImageHeader(label, version, secureVersion, BuildTime, body);
    }

    /// <summary>The whole image: header then body.</summary>
    public static byte[] Build(string label, long partitionSizeBytes, string version, uint secureVersion)
    {
        var header = Header(label, partitionSizeBytes, version, secureVersion);
        var image = new byte[header.ImageLengthBytes];
        header.ToBytes().CopyTo(image, 0);
        FillPattern(image.AsSpan(FirmwareImageHeader.SizeBytes), $"{label}|{version}|{secureVersion}");
        return image;
    }

    /// <summary>Erases a partition and writes a reference image into it.</summary>
    public static FirmwareImageHeader Write(IFlashImage flash, string label, string version, uint secureVersion)
    {
        ArgumentNullException.ThrowIfNull(flash);
        var partition = flash.Partitions[label];
        var image = Build(label, partition.SizeBytes, version, secureVersion);
        flash.EraseAll(label);
        flash.Write(label, 0, image);
        return FirmwareImageHeader.Parse(image);
    }

    private static void FillPattern(Span<byte> body, string seedText)
    {
        var seed = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seedText))) | 1;
        var state = seed;
        var i = 0;
        for (; i + 8 <= body.Length; i += 8)
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            BinaryPrimitives.WriteUInt64LittleEndian(body[i..], state * 0x2545F4914F6CDD1DUL);
        }

        for (; i < body.Length; i++)
        {
            body[i] = (byte)(state >> (8 * (i & 7)));
        }
    }
}
