using Hardware.Files;
using Testing;

namespace Hardware.Tests.Files;

/// <summary>The local file tree on real files: statx stamps, links never followed, the root resolved once, rename(2) over a link.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalFileTreeTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("hw-files");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, Action<string>> Changes => new()
    {
        // Same size, so only the times (and the content) change.
        { "same-size rewrite", p => File.WriteAllBytes(p, [9, 9, 9, 9]) },
        { "one octet flipped in place", p => { using var f = new FileStream(p, FileMode.Open); f.Position = 2; f.WriteByte(0xEE); } },
        { "replaced by a new file (rename over it)", p => { File.WriteAllBytes(p + ".new", [1, 2, 3, 4]); File.Move(p + ".new", p, overwrite: true); } },
        { "chmod +x", p => File.SetUnixFileMode(p, File.GetUnixFileMode(p) | UnixFileMode.UserExecute) },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_change_moves_the_stamp(string name, Action<string> change)
    {
        var path = Path.Combine(_dir, "a.dll");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        // An old mtime, so a change within the same kernel timestamp tick as the creation still moves it
        // (the firmware never trusts such recent stamps: FileStamp.Settled).
        File.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var tree = new LocalFileTree(_dir);
        var before = tree.Stat("a.dll")!;

        change(path);

        var after = tree.Stat("a.dll")!;
        Assert.False(before.SameState(after), name);
    }

    [Fact]
    public void A_stamp_without_a_change_stays_the_same_and_a_fresh_file_is_not_settled()
    {
        File.WriteAllBytes(Path.Combine(_dir, "a.dll"), [1, 2, 3]);
        var tree = new LocalFileTree(_dir);

        var first = tree.Stat("a.dll")!;
        var second = tree.Stat("a.dll")!;

        Assert.True(first.SameState(second));
        Assert.Equal(FileKind.Regular, first.Kind);
        Assert.Equal(3, first.SizeBytes);
        Assert.NotEqual(0UL, first.Inode);
        // Written just now: its ctime lies within the racy window of the kernel clock.
        Assert.False(first.Settled);
        Assert.Null(tree.Stat("missing.dll"));
    }

    [Fact]
    public void Links_are_listed_as_links_never_followed_and_the_root_is_resolved_once()
    {
        var real = Path.Combine(_dir, "slots", "a");
        Directory.CreateDirectory(Path.Combine(real, "secure"));
        File.WriteAllBytes(Path.Combine(real, "secure", "x.dll"), [1]);
        var outside = Path.Combine(_dir, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "y.dll"), [2]);
        Directory.CreateSymbolicLink(Path.Combine(real, "secure", "linked-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(real, "secure", "linked-file"), Path.Combine(outside, "y.dll"));
        File.CreateSymbolicLink(Path.Combine(_dir, "current"), "slots/a");

        var tree = new LocalFileTree(Path.Combine(_dir, "current"));

        Assert.Equal(Path.GetFullPath(real), tree.Root);
        var list = tree.List();
        Assert.Equal(["secure/linked-dir", "secure/linked-file", "secure/x.dll"], list.Select(s => s.Path));
        Assert.Equal([FileKind.SymbolicLink, FileKind.SymbolicLink, FileKind.Regular], list.Select(s => s.Kind));
        Assert.Throws<IOException>(() => tree.OpenRead("secure/linked-file"));
        Assert.Throws<ArgumentException>(() => tree.OpenRead("../outside/y.dll"));
    }

    [Fact]
    public void Rename_replaces_a_link_atomically_without_following_it()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a"));
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        var current = Path.Combine(_dir, "current");
        File.CreateSymbolicLink(current, "a");
        File.CreateSymbolicLink(current + ".new", "b");

        PosixFiles.Rename(current + ".new", current);
        PosixFiles.SyncDirectory(_dir);

        Assert.Equal("b", new FileInfo(current).LinkTarget);
        Assert.False(File.Exists(current + ".new") || new FileInfo(current + ".new").LinkTarget is not null);
        Assert.True(Directory.Exists(Path.Combine(_dir, "a")));
        Assert.Throws<IOException>(() => PosixFiles.Rename(Path.Combine(_dir, "nothing"), current));
        Assert.Throws<IOException>(() => new LocalFileTree(Path.Combine(_dir, "nothing")));
    }
}
