using Pki.Authorities;
using Pki.Store;
using Pki.Tests.Authorities;
using Testing;

namespace Pki.Tests.Store;

/// <summary>The SQLite state: all-or-nothing operations, reopening, and refusing folders that are not what they seem.</summary>
public sealed class StoreTests
{
    [Fact]
    public void A_transaction_cut_short_leaves_nothing_behind()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var before = StateSnapshot.Of(bench);

        // A revocation that dies half way (here: an exception after the first writes) is as if it never started.
        var store = bench.Pki.Context.Store;
        void CutShort()
        {
            using var tx = store.Begin();
            tx.BlockStation(station.Id, bench.Clock.GetUtcNow(), "half");
            tx.AddCrlEntry(bench.Pki.EaCertificate.HashedId8, station.Ec!.HashedId8, bench.Clock.GetUtcNow());
            throw new InvalidOperationException("crash");
        }

        Assert.Throws<InvalidOperationException>(CutShort);
        Assert.Equal(before, StateSnapshot.Of(bench));

        // The same after a restart: nothing of the cut transaction reached the file.
        bench.Restart();
        Assert.Equal(before, StateSnapshot.Of(bench));
        Assert.NotNull(bench.Authorize(station).Ticket);
    }

    [Fact]
    public void Abandoned_transaction_in_the_file_is_rolled_back_when_reopened()
    {
        using var bench = new TestBench();
        bench.Register("obu-1");
        var before = StateSnapshot.Of(bench);
        var wal = Path.Combine(bench.Folder, PkiStore.FileName + "-wal");
        var walBefore = new FileInfo(wal).Length;

        // What a process killed in the middle of an operation leaves: the database and a WAL holding frames of a
        // transaction that never committed. With a page cache of two pages SQLite must spill the transaction's dirty
        // pages into the WAL before commit (sqlite.org/pragma.html#pragma_cache_spill), so the uncommitted block of
        // the station and a megabyte of ballast really are in the file when it is copied. (The -shm index is not
        // copied: a crash loses it, and the first connection rebuilds it from the WAL.)
        var copy = TestInfra.NewTempDirectory("pki-crash");
        try
        {
            using (var tx = bench.Pki.Context.Store.Begin())
            {
                tx.Execute("PRAGMA cache_size=2");
                tx.BlockStation("obu-1", bench.Clock.GetUtcNow(), "in flight");
                tx.Execute("CREATE TABLE crash_ballast(b BLOB)");
                tx.Execute("INSERT INTO crash_ballast WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64) SELECT randomblob(16384) FROM n");
                Assert.True(new FileInfo(wal).Length - walBefore > 512 * 1024, "the uncommitted transaction reached the WAL");
                File.Copy(Path.Combine(bench.Folder, PkiStore.FileName), Path.Combine(copy, PkiStore.FileName));
                File.Copy(wal, Path.Combine(copy, PkiStore.FileName + "-wal"));
            }

            using var reopened = BenchPki.Open(copy, bench.Clock);
            Assert.Null(reopened.Context.Store.GetStation("obu-1")!.BlockedAt);
            Assert.Equal(before.Stations, string.Join(";", reopened.Context.Store.GetStations().Select(s => $"{s.StationId}:{s.Idf.Version}:{s.BlockedAt}")));
            using var check = reopened.Context.Store.Begin();
            var missing = Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => check.Execute("SELECT count(*) FROM crash_ballast"));
            Assert.Contains("no such table", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    public static TheoryData<string, Action<string>, string> OpenFailRows => new()
    {
        { "empty folder", _ => { }, "holds no PKI" },
        { "not a database", f => File.WriteAllText(Path.Combine(f, PkiStore.FileName), "not sqlite, just text long enough to fill a header ........."), "not a PKI state file" },
        { "other schema version", f => { using var s = PkiStore.Create(f); using var tx = s.Begin(); tx.Execute("PRAGMA user_version=7"); tx.Commit(); }, "schema version 7" },
    };

    [Theory]
    [MemberData(nameof(OpenFailRows))]
    public void Opening_a_folder_that_is_not_a_pki_fails_clearly(string name, Action<string> prepare, string message)
    {
        var folder = TestInfra.NewTempDirectory("pki-open");
        try
        {
            prepare(folder);
            var error = Assert.Throws<ArgumentException>(() => PkiStore.Open(folder).Dispose());
            Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{name}: {error.Message}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void State_file_is_readable_by_its_owner_only()
    {
        using var bench = new TestBench();
        var mode = File.GetUnixFileMode(Path.Combine(bench.Folder, PkiStore.FileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
