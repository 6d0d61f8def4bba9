using Hardware.Flash;

namespace Hardware.Tests.Flash;

public class PartitionTableTests
{
    // ESP-IDF "Single factory app, no OTA" (components/partition_table/partitions_singleapp.csv,
    // printed in the ESP-IDF API guide "Partition Tables"), with the offsets left for the tool.
    private const string SingleFactoryAppCsv = """
        # ESP-IDF Partition Table
        # Name,   Type, SubType, Offset,  Size, Flags
        # Note: if you have increased the bootloader size, make sure to update the offsets to avoid overlap
        nvs,      data, nvs,     ,        0x6000,
        phy_init, data, phy,     ,        0x1000,
        factory,  app,  factory, ,        1M,
        """;

    // Its binary as gen_esp32part.py wrote it, copied from outside the project: the
    // "Single APP partition table" array in GideonZ/1541ultimate (software/.../esp32.cc),
    // which that project flashes to 0x8000. Three entries, the MD5 entry, 0xFF fill.
    private const string SingleFactoryAppBinaryHex =
        "aa50010200900000006000006e76730000000000000000000000000000000000" +
        "aa50010100f00000001000007068795f696e6974000000000000000000000000" +
        "aa5000000000010000001000666163746f727900000000000000000000000000" +
        "ebebfffffffffffffffffffffffffffff4ad4f4538564b5d7435b62c75b69524";

    // arduino-esp32 tools/partitions/default.csv (the Arduino core's default 4 MB layout).
    private const string ArduinoDefaultCsv = """
        # Name,   Type, SubType, Offset,  Size, Flags
        nvs,      data, nvs,     0x9000,  0x5000,
        otadata,  data, ota,     0xe000,  0x2000,
        app0,     app,  ota_0,   0x10000, 0x140000,
        app1,     app,  ota_1,   0x150000,0x140000,
        spiffs,   data, spiffs,  0x290000,0x160000,
        coredump, data, coredump,0x3F0000,0x10000,
        """;

    // Its binary read off a real arduino-cli merged image, as quoted in a public Rust test
    // ("parses_real_arduino_partition_table"); the MD5 entry is gen_esp32part.py's.
    private const string ArduinoDefaultBinaryHex =
        "aa50010200900000005000006e76730000000000000000000000000000000000" +
        "aa50010000e00000002000006f74616461746100000000000000000000000000" +
        "aa50001000000100000014006170703000000000000000000000000000000000" +
        "aa50001100001500000014006170703100000000000000000000000000000000" +
        "aa50018200002900000016007370696666730000000000000000000000000000" +
        "aa50010300003f0000000100636f726564756d70000000000000000000000000" +
        "ebebffffffffffffffffffffffffffff972dae2ff872a0142d60bad124c0666b";

    public static TheoryData<string, string, string> KnownTables => new()
    {
        { "esp-idf single factory app", SingleFactoryAppCsv, SingleFactoryAppBinaryHex },
        { "arduino-esp32 default", ArduinoDefaultCsv, ArduinoDefaultBinaryHex },
    };

    [Theory]
    [MemberData(nameof(KnownTables))]
    public void Csv_generates_the_known_binary(string name, string csv, string binaryHex)
    {
        var binary = PartitionTable.ParseCsv(csv).ToBinary();

        var expected = Convert.FromHexString(binaryHex);
        Assert.Equal(PartitionTable.MaxTableBytes, binary.Length);
        Assert.Equal(expected, binary[..expected.Length]);
        Assert.True(binary.AsSpan(expected.Length).IndexOfAnyExcept((byte)0xFF) < 0, name);
    }

    [Theory]
    [MemberData(nameof(KnownTables))]
    public void Known_binary_parses_back_to_the_csv_rows(string name, string csv, string binaryHex)
    {
        var fromBinary = PartitionTable.ParseBinary(Convert.FromHexString(binaryHex));
        var fromCsv = PartitionTable.ParseCsv(csv);

        Assert.Equal(fromCsv.Entries, fromBinary.Entries);
        Assert.Equal(fromCsv.Entries, PartitionTable.ParseCsv(fromBinary.ToCsv()).Entries);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Single_factory_app_has_the_documented_offsets()
    {
        // ESP-IDF guide: nvs 0x9000/0x6000, phy_init 0xf000/0x1000, factory 0x10000/1M.
        var t = PartitionTable.ParseCsv(SingleFactoryAppCsv);

        Assert.Equal(new PartitionEntry("nvs", 1, 2, 0x9000, 0x6000), t["nvs"]);
        Assert.Equal(new PartitionEntry("phy_init", 1, 1, 0xF000, 0x1000), t["phy_init"]);
        Assert.Equal(new PartitionEntry("factory", 0, 0, 0x10000, 0x100000), t["factory"]);
    }

    public static TheoryData<string, string, PartitionTableError> BadCsv => new()
    {
        { "overlap", "a, data, nvs, 0x9000, 0x2000\nb, data, nvs, 0xA000, 0x1000", PartitionTableError.Overlap },
        { "app not 64K aligned", "a, app, factory, 0x11000, 0x10000", PartitionTableError.Misaligned },
        { "size not whole sectors", "a, data, nvs, 0x9000, 0x100", PartitionTableError.Misaligned },
        { "duplicate label", "a, data, nvs, 0x9000, 0x1000\na, data, nvs, 0xA000, 0x1000", PartitionTableError.DuplicateLabel },
        { "label past 16 bytes", "abcdefghijklmnopq, data, nvs, 0x9000, 0x1000", PartitionTableError.BadLabel },
        { "unknown type", "a, bogus, nvs, 0x9000, 0x1000", PartitionTableError.BadCsv },
        { "unknown subtype", "a, data, bogus, 0x9000, 0x1000", PartitionTableError.BadCsv },
        { "bad size", "a, data, nvs, 0x9000, 12Q", PartitionTableError.BadCsv },
        { "too few columns", "a, data, nvs", PartitionTableError.BadCsv },
        { "unknown flag", "a, data, nvs, 0x9000, 0x1000, shiny", PartitionTableError.BadCsv },
        { "zero size", "a, data, nvs, 0x9000, 0", PartitionTableError.EmptyPartition },
        { "past the flash", "a, data, nvs, 0x9000, 4M", PartitionTableError.OutOfFlash },
    };

    [Theory]
    [MemberData(nameof(BadCsv))]
    public void Bad_csv_is_rejected_with_a_typed_error(string name, string csv, PartitionTableError error)
    {
        var e = Assert.Throws<PartitionTableException>(() => PartitionTable.ParseCsv(csv, flashSizeBytes: 4 * 1024 * 1024));
        Assert.True(error == e.Error, $"{name}: got {e.Error}");
    }

    public static TheoryData<string, Func<byte[], byte[]>, PartitionTableError> BadBinary => new()
    {
        { "flipped byte in an entry", b => Flip(b, 40), PartitionTableError.BadMd5 },
        { "flipped byte in the MD5", b => Flip(b, 100), PartitionTableError.BadMd5 },
        { "bad entry magic", b => Flip(b, 32), PartitionTableError.BadMagic },
        { "MD5 entry removed", b => Fill(b, 96, 32), PartitionTableError.BadMd5 },
        { "ends inside an entry", b => b[..80], PartitionTableError.Truncated },
        { "entry after the MD5 entry", b => Concat(b[..128], b[..32]), PartitionTableError.BadMagic },
        { "label not ASCII", b => Set(b, 12, 0x07), PartitionTableError.BadLabel },
    };

    [Theory]
    [MemberData(nameof(BadBinary))]
    public void Bad_binary_is_rejected_with_a_typed_error(string name, Func<byte[], byte[]> corrupt, PartitionTableError error)
    {
        var good = PartitionTable.ParseCsv(SingleFactoryAppCsv).ToBinary();
        var bad = corrupt(good);

        var e = Assert.Throws<PartitionTableException>(() => PartitionTable.ParseBinary(bad));
        Assert.True(error == e.Error, $"{name}: got {e.Error}");
    }

    [Fact]
    public void Binary_without_md5_is_accepted_only_when_not_required()
    {
        var noMd5 = Fill(PartitionTable.ParseCsv(SingleFactoryAppCsv).ToBinary(), 96, 32);

        Assert.Equal(3, PartitionTable.ParseBinary(noMd5, requireMd5: false).Entries.Count);
        Assert.Throws<PartitionTableException>(() => PartitionTable.ParseBinary(noMd5));
    }

    [Fact]
    public void Too_many_entries_are_rejected()
    {
        var rows = Enumerable.Range(0, 96).Select(i => new PartitionEntry($"p{i}", 1, 2, (uint)(0x9000 + (i * 0x1000)), 0x1000));

        var e = Assert.Throws<PartitionTableException>(() => PartitionTable.Create(rows));
        Assert.Equal(PartitionTableError.TooLong, e.Error);
    }

    [Fact]
    public void Unknown_label_is_a_callers_mistake()
    {
        var t = PartitionTable.ParseCsv(SingleFactoryAppCsv);

        Assert.Throws<ArgumentException>(() => t["missing"]);
        Assert.Null(t.Find("missing"));
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

    private static byte[] Fill(byte[] b, int at, int count)
    {
        var c = (byte[])b.Clone();
        c.AsSpan(at, count).Fill(0xFF);
        return c;
    }

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
}
