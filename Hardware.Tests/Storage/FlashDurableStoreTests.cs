using Hardware.Flash;
using Hardware.Simulated;
using Hardware.Storage;
using Testing;

namespace Hardware.Tests.Storage;

public sealed class FlashDurableStoreTests : IDisposable
{
    // Two 4 KiB banks in an 8 KiB NVS partition.
    private static readonly PartitionTable Table = PartitionTable.ParseCsv("nvs, data, nvs, 0x9000, 0x2000");
    private readonly string _dir = TestInfra.NewTempDirectory("hw-nvs");

    [Fact]
    public void Values_survive_a_remount()
    {
        using var flash = NewFlash();
        var store = new FlashDurableStore(flash, "nvs");
        store.Write("counter", [1, 2, 3]);
        store.Write("minver.app", [7]);
        store.Write("counter", [4, 5]);
        Assert.True(store.Delete("minver.app"));

        var remounted = new FlashDurableStore(flash, "nvs");

        Assert.Equal([4, 5], remounted.Read("counter"));
        Assert.Null(remounted.Read("minver.app"));
        Assert.Equal(["counter"], remounted.Keys());
    }

    [Fact]
    public void Many_writes_compact_and_keep_every_key()
    {
        using var flash = NewFlash();
        var store = new FlashDurableStore(flash, "nvs");
        for (var i = 0; i < 500; i++)
        {
            store.Write("k" + (i % 5), BitConverter.GetBytes(i));
        }

        var remounted = new FlashDurableStore(flash, "nvs");
        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(495 + k, BitConverter.ToInt32(remounted.Read("k" + k)!));
        }
    }

    [Fact]
    public void A_write_torn_at_every_byte_keeps_the_previous_value()
    {
        // Record for key "counter" with an 8-byte value: 12 header + 7 key + 8 value bytes.
        const int recordBytes = 27;
        for (var cut = 0; cut <= recordBytes; cut++)
        {
            using var raw = NewFlash();
            new FlashDurableStore(raw, "nvs").Write("counter", BitConverter.GetBytes(1L));
            var faulty = new PowerCutFlashImage(raw);
            var store = new FlashDurableStore(faulty, "nvs");
            faulty.CutAfter(cut);

            var thrown = Record.Exception(() => store.Write("counter", BitConverter.GetBytes(2L)));

            var after = new FlashDurableStore(raw, "nvs");
            var expected = cut == recordBytes ? 2L : 1L;
            Assert.True(expected == BitConverter.ToInt64(after.Read("counter")!), $"cut after {cut} bytes");
            Assert.Equal(cut < recordBytes, thrown is SimulatedPowerLossException);

            // The store keeps working after the tear.
            after.Write("counter", BitConverter.GetBytes(3L));
            Assert.Equal(3L, BitConverter.ToInt64(new FlashDurableStore(raw, "nvs").Read("counter")!));
        }
    }

    [Fact]
    public void A_compaction_torn_anywhere_keeps_the_previous_values()
    {
        using var probe = NewFlash();
        var fill = FillUntilNextWriteCompacts(new FlashDurableStore(probe, "nvs"));

        // Compaction erases 4096 bytes, writes the live records, then the 16-byte header.
        for (var cut = 0; cut < 4096 + 200; cut += 97)
        {
            using var raw = NewFlash();
            var before = new FlashDurableStore(raw, "nvs");
            fill(before);
            var faulty = new PowerCutFlashImage(raw);
            var store = new FlashDurableStore(faulty, "nvs");
            faulty.CutAfter(cut);

            var thrown = Record.Exception(() => store.Write("a", new byte[100]));

            var after = new FlashDurableStore(raw, "nvs");
            Assert.True(thrown is SimulatedPowerLossException || thrown is null, $"cut {cut}: {thrown}");
            var a = after.Read("a")!;
            Assert.True(thrown is null ? a.Length == 100 : a.Length == 1, $"cut {cut}: a has {a.Length} bytes");
            Assert.Equal([0x42], after.Read("b"));
        }
    }

    [Fact]
    public void A_value_too_large_is_refused_and_nothing_changes()
    {
        using var flash = NewFlash();
        var store = new FlashDurableStore(flash, "nvs");
        store.Write("k", [1]);

        Assert.Throws<StorageException>(() => store.Write("big", new byte[5000]));

        Assert.Equal([1], store.Read("k"));
        Assert.Null(store.Read("big"));
        Assert.Equal(["k"], new FlashDurableStore(flash, "nvs").Keys());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("..")]
    public void Bad_keys_are_a_callers_mistake(string key)
    {
        using var flash = NewFlash();
        var store = new FlashDurableStore(flash, "nvs");

        Assert.Throws<ArgumentException>(() => store.Write(key, [1]));
        Assert.Empty(store.Keys());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Action<FlashDurableStore> FillUntilNextWriteCompacts(FlashDurableStore probe)
    {
        // Bank 4096 bytes, header 16. "a"=[1] and "b"=[0x42] are 14-byte records, a filler "f"
        // with 40 bytes is 53: 16 + 28 + 75 * 53 = 4019, so a 113-byte record ("a" with 100
        // bytes) no longer fits and the next write compacts.
        void Fill(FlashDurableStore s)
        {
            s.Write("a", [1]);
            s.Write("b", [0x42]);
            for (var i = 0; i < 75; i++)
            {
                s.Write("f", new byte[40]);
            }
        }

        Fill(probe);
        return Fill;
    }

    private FileFlashImage NewFlash() =>
        FileFlashImage.Create(Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".bin"), 0x10000, Table);
}
