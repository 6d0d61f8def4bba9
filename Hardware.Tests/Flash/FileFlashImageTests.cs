using Hardware.Flash;
using Testing;

namespace Hardware.Tests.Flash;

public sealed class FileFlashImageTests : IDisposable
{
    private static readonly PartitionTable Table = PartitionTable.ParseCsv("nvs, data, nvs, 0x9000, 0x2000\nfactory, app, factory, 0x10000, 0x10000");
    private readonly string _dir = TestInfra.NewTempDirectory("hw-flash");

    [Fact]
    public void Create_writes_the_table_and_open_reads_it_back()
    {
        var path = Path.Combine(_dir, "f.bin");
        using (var created = FileFlashImage.Create(path, 0x20000, Table))
        {
            Assert.Equal(0x20000, created.FlashSizeBytes);
        }

        using var opened = FileFlashImage.Open(path);
        var raw = File.ReadAllBytes(path);

        Assert.Equal(Table.Entries, opened.Partitions.Entries);
        Assert.Equal(Table.ToBinary(), raw[0x8000..0x8C00]);
        Assert.True(raw.AsSpan(0x9000).IndexOfAnyExcept((byte)0xFF) < 0);
    }

    [Fact]
    public void Stream_span_write_and_erase_agree()
    {
        using var flash = FileFlashImage.Create(Path.Combine(_dir, "f.bin"), 0x20000, Table);
        flash.Write("factory", 0x0FFE, [1, 2, 3, 4]);
        flash.Erase("nvs", 0x1000, 0x1000);

        using var stream = flash.OpenRead("factory");
        stream.Seek(0x0FFE, SeekOrigin.Begin);
        var viaStream = new byte[4];
        stream.ReadExactly(viaStream);
        var viaSpan = new byte[4];
        flash.Read("factory", 0x0FFE, viaSpan);
        var absolute = new byte[4];
        flash.ReadAbsolute(0x10000 + 0x0FFE, absolute);

        Assert.Equal([1, 2, 3, 4], viaStream);
        Assert.Equal(viaStream, viaSpan);
        Assert.Equal(viaStream, absolute);
        Assert.Equal(0x10000, stream.Length);
        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(0, stream.Read(new byte[1]));
    }

    public static TheoryData<string, Action<FileFlashImage>, Type> Mistakes => new()
    {
        { "write past the partition", f => f.Write("nvs", 0x1FFF, new byte[2]), typeof(ArgumentOutOfRangeException) },
        { "negative offset", f => f.Read("nvs", -1, new byte[1]), typeof(ArgumentOutOfRangeException) },
        { "erase not sector aligned", f => f.Erase("nvs", 0x800, 0x1000), typeof(ArgumentOutOfRangeException) },
        { "erase past the partition", f => f.Erase("nvs", 0x1000, 0x2000), typeof(ArgumentOutOfRangeException) },
        { "unknown label", f => f.Write("nope", 0, new byte[1]), typeof(ArgumentException) },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Callers_mistakes_throw_and_change_nothing(string name, Action<FileFlashImage> call, Type error)
    {
        var path = Path.Combine(_dir, "f.bin");
        using var flash = FileFlashImage.Create(path, 0x20000, Table);
        var before = File.ReadAllBytes(path);

        var e = Record.Exception(() => call(flash));

        Assert.True(e is not null && error.IsInstanceOfType(e), $"{name}: {e}");
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Opening_a_file_with_a_corrupted_table_is_a_typed_error()
    {
        var path = Path.Combine(_dir, "f.bin");
        FileFlashImage.Create(path, 0x20000, Table).Dispose();
        var bytes = File.ReadAllBytes(path);
        bytes[0x8000 + 5] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<PartitionTableException>(() => FileFlashImage.Open(path));

        Assert.Equal(PartitionTableError.BadMd5, e.Error);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
