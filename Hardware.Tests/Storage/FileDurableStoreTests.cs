using Hardware.Storage;
using Testing;

namespace Hardware.Tests.Storage;

public sealed class FileDurableStoreTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("hw-store");

    [Fact]
    public void Write_replace_delete_and_reopen()
    {
        var store = new FileDurableStore(_dir);
        store.Write("counter", [1]);
        store.Write("counter", [2, 3]);
        store.Write("other", []);
        Assert.True(store.Delete("other"));

        var reopened = new FileDurableStore(_dir);

        Assert.Equal([2, 3], reopened.Read("counter"));
        Assert.Null(reopened.Read("other"));
        Assert.Equal(["counter"], reopened.Keys());
        Assert.False(reopened.Delete("other"));
    }

    [Theory]
    [InlineData("killed before the temp file was complete", 5)]
    [InlineData("killed after writing the temp file, before rename", 30)]
    public void A_writer_killed_before_rename_leaves_the_previous_value(string name, int tempBytes)
    {
        var store = new FileDurableStore(_dir);
        store.Write("counter", [1, 1, 1]);

        // What a process killed between write and rename leaves behind: a partial temp file.
        File.WriteAllBytes(Path.Combine(_dir, "counter.rec.tmp-deadbeef"), new byte[tempBytes]);
        var reopened = new FileDurableStore(_dir);

        Assert.Equal([1, 1, 1], reopened.Read("counter"));
        Assert.Equal(["counter.rec"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void A_second_process_opening_the_store_leaves_the_owners_temporary_files_alone()
    {
        var owner = new FileDurableStore(_dir);
        owner.Write("counter", [1]);
        var inFlight = Path.Combine(_dir, "counter.rec.tmp-0123456789abcdef");
        File.WriteAllBytes(inFlight, [9]);

        var installer = new FileDurableStore(_dir, removeStaleTemporaryFiles: false);
        installer.Write("update.pending", [2]);

        Assert.True(File.Exists(inFlight));
        Assert.Equal([1], installer.Read("counter"));
        Assert.Equal([2], owner.Read("update.pending"));
    }

    public static TheoryData<string, Func<byte[], byte[]>> Corruptions => new()
    {
        { "flipped value byte", b => { b[^1] ^= 1; return b; } },
        { "truncated", b => b[..^1] },
        { "bad magic", b => { b[0] = (byte)'X'; return b; } },
        { "empty file", b => [] },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupted_record_is_a_typed_error_and_other_keys_still_read(string name, Func<byte[], byte[]> corrupt)
    {
        var store = new FileDurableStore(_dir);
        store.Write("a", [1, 2, 3, 4]);
        store.Write("b", [5]);
        var path = Path.Combine(_dir, "a.rec");
        File.WriteAllBytes(path, corrupt(File.ReadAllBytes(path)));

        Assert.Throws<StorageException>(() => store.Read("a"));
        Assert.True(store.Read("b") is [5], name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Bad_keys_are_a_callers_mistake(string key)
    {
        var store = new FileDurableStore(_dir);

        Assert.Throws<ArgumentException>(() => store.Write(key, [1]));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
