using Hardware.Flash;

namespace Hardware.Tests.Flash;

public class FirmwareImageHeaderTests
{
    // Known answer written by hand from the layout documented in FirmwareImageHeader (this
    // project's format): "OBUI", format 1, length 128, secure version 3, body 0x1000 bytes,
    // build time 2026-01-02T03:04:05Z (0x695735A5), name "app", version "1.2.3", CRC-32 over 0..123.
    private const string KnownHeaderHex =
        "4f425549" + "0100" + "8000" + "03000000" + "00100000" + "a535576900000000" +
        "6170700000000000000000000000000000000000000000000000000000000000" +
        "312e322e33000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000";

    private static readonly FirmwareImageHeader Known =
        new("app", "1.2.3", 3, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 0x1000);

    [Fact]
    public void Crc32_matches_the_catalogue_check_value()
    {
        // reveng CRC catalogue, CRC-32/ISO-HDLC: check = 0xCBF43926 over "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Header_encodes_to_the_known_bytes()
    {
        var bytes = Known.ToBytes();

        Assert.Equal(Convert.FromHexString(KnownHeaderHex), bytes[..124]);
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, 124)), BitConverter.ToUInt32(bytes, 124));
        Assert.Equal(Known, FirmwareImageHeader.Parse(bytes));
    }

    public static TheoryData<string, Func<byte[], byte[]>, FirmwareImageError> BadHeaders => new()
    {
        { "erased partition", b => Enumerable.Repeat((byte)0xFF, 128).ToArray(), FirmwareImageError.BadMagic },
        { "short", b => b[..100], FirmwareImageError.Truncated },
        { "flipped secure version", b => Flip(b, 8), FirmwareImageError.BadChecksum },
        { "flipped crc", b => Flip(b, 125), FirmwareImageError.BadChecksum },
        { "format 2", b => Recrc(Set(b, 4, 2)), FirmwareImageError.UnsupportedFormat },
        { "reserved byte set", b => Recrc(Set(b, 90, 1)), FirmwareImageError.BadReserved },
        { "control character in name", b => Recrc(Set(b, 25, 0x01)), FirmwareImageError.BadText },
        { "garbage after name terminator", b => Recrc(Set(b, 30, 0x41)), FirmwareImageError.BadText },
        { "empty version", b => Recrc(Set(b, 56, 0)), FirmwareImageError.BadText },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Bad_header_is_rejected_with_a_typed_error(string name, Func<byte[], byte[]> corrupt, FirmwareImageError error)
    {
        var e = Assert.Throws<FirmwareImageException>(() => FirmwareImageHeader.Parse(corrupt(Known.ToBytes())));
        Assert.True(error == e.Error, $"{name}: got {e.Error}");
    }

    [Fact]
    public void Body_longer_than_the_partition_is_rejected()
    {
        var e = Assert.Throws<FirmwareImageException>(() => FirmwareImageHeader.Parse(Known.ToBytes(), partitionSizeBytes: 0x1000));
        Assert.Equal(FirmwareImageError.BodyTooLong, e.Error);
        Assert.Equal(Known, FirmwareImageHeader.Parse(Known.ToBytes(), partitionSizeBytes: 0x1080));
    }

    [Theory]
    [InlineData("", "1.0")]
    [InlineData("name-longer-than-thirty-two-characters", "1.0")]
    [InlineData("app", "tab\there")]
    public void Bad_fields_are_a_callers_mistake(string name, string version)
    {
        Assert.Throws<ArgumentException>(() => new FirmwareImageHeader(name, version, 1, DateTimeOffset.UnixEpoch, 0).ToBytes());
    }

    private static byte[] Flip(byte[] b, int at)
    {
        var c = (byte[])b.Clone();
        c[at] ^= 0x01;
        return c;
    }

    private static byte[] Set(byte[] b, int at, byte value)
    {
        var c = (byte[])b.Clone();
        c[at] = value;
        return c;
    }

    private static byte[] Recrc(byte[] b)
    {
        BitConverter.TryWriteBytes(b.AsSpan(124), Crc32.Compute(b.AsSpan(0, 124)));
        return b;
    }
}
