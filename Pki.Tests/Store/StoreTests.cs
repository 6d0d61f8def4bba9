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

        // Copy the state while a write transaction is open and uncommitted: the copy is what a crash leaves.
        var copy = TestInfra.NewTempDirectory("pki-crash");
        try
        {
            using (var tx = bench.Pki.Context.Store.Begin())
            {
                tx.BlockStation("obu-1", bench.Clock.GetUtcNow(), "in flight");
                foreach (var file in Directory.GetFiles(bench.Folder))
                {
                    File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
                }
            }

            using var reopened = BenchPki.Open(copy, bench.Clock);
            Assert.Null(reopened.Context.Store.GetStation("obu-1")!.BlockedAt);
            Assert.Equal(before.Stations, string.Join(";", reopened.Context.Store.GetStations().Select(s => $"{s.StationId}:{s.Idf.Version}:{s.BlockedAt}")));
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
