namespace Hardware.Flash;

/// <summary>
/// CRC-32 (ISO-HDLC / IEEE 802.3: polynomial 0x04C11DB7 reflected as 0xEDB88320, init and final
/// XOR 0xFFFFFFFF). Check value over ASCII "123456789" is 0xCBF43926 (Williams, "A Painless Guide
/// to CRC Error Detection Algorithms"; reveng CRC catalogue, CRC-32/ISO-HDLC). Used for
/// detecting torn or corrupted records, never as a security check.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC-32 of the bytes.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32 over more bytes (start with 0).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        foreach (var b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
