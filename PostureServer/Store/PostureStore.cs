using Firmware.SecurePartition.Posture;
using Microsoft.Data.Sqlite;
using PostureServer.Catalogue;
using PostureServer.Cvss;

namespace PostureServer.Store;

/// <summary>
/// The posture server's state in one SQLite file (WAL, synchronous FULL, mode 0600), like the PKI's: the OEM's component
/// catalogue (bills of materials with latest versions), the known weaknesses with their vectors, affected versions and
/// fixes, and the server's keys and certificate. Thread-safe: calls serialised.
/// </summary>
public sealed partial class PostureStore : IDisposable
{
    /// <summary>The state file inside a posture server folder.</summary>
    public const string FileName = "posture.db";

    private const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE components (inventory_name TEXT PRIMARY KEY, identifier TEXT NOT NULL, role INTEGER NOT NULL, latest TEXT NOT NULL);
        CREATE TABLE weaknesses (id TEXT NOT NULL, component TEXT NOT NULL REFERENCES components(inventory_name), vector TEXT NOT NULL,
            affected TEXT NOT NULL, fixed_in TEXT, title TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (id, component))
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private PostureStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The state file.</summary>
    public string Path { get; }

    /// <summary>Opens the state of <paramref name="folder"/>, creating it when <paramref name="create"/> and absent.</summary>
    /// <exception cref="ArgumentException">No state there (and not creating), or a file that is not one.</exception>
    public static PostureStore Open(string folder, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        var exists = File.Exists(path);
        if (!exists && !create)
        {
            throw new ArgumentException($"{folder} holds no posture server state ({FileName}); run 'init' first", nameof(folder));
        }

        if (!exists)
        {
            Directory.CreateDirectory(folder);
            using (File.Create(path))
            {
            }

            if (!OperatingSystem.IsWindows())
            {
                // The server's private keys live in this file: owner read/write only.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        var store = new PostureStore(connection, path);
        try
        {
            connection.Open();
            store.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000");
            var version = store.Scalar("PRAGMA user_version");
            if (version == 0)
            {
                using var tx = connection.BeginTransaction();
                foreach (var statement in Schema.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    store.Execute(statement, tx);
                }

                store.Execute($"PRAGMA user_version={SchemaVersion}", tx);
                tx.Commit();
            }
            else if (version != SchemaVersion)
            {
                throw new ArgumentException($"{path} has schema version {version}, expected {SchemaVersion}", nameof(folder));
            }

            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new ArgumentException($"{path} is not a posture server state file: {e.Message}", nameof(folder), e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Adds or replaces a component.</summary>
    public void PutComponent(CatalogueComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        Execute("INSERT INTO components (inventory_name, identifier, role, latest) VALUES ($n, $i, $r, $l) " +
            "ON CONFLICT(inventory_name) DO UPDATE SET identifier = $i, role = $r, latest = $l",
            null, ("$n", component.InventoryName), ("$i", component.Identifier.Text), ("$r", (int)component.Role), ("$l", component.LatestVersion));
    }

    /// <summary>Adds or replaces weaknesses, all in one transaction.</summary>
    /// <exception cref="ArgumentException">A weakness names a component that is not in the catalogue.</exception>
    public void PutWeaknesses(IEnumerable<Weakness> weaknesses)
    {
        ArgumentNullException.ThrowIfNull(weaknesses);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            foreach (var w in weaknesses)
            {
                if (Component(w.Component, tx) is null)
                {
                    throw new ArgumentException($"weakness {w.Id} names component '{w.Component}', which is not in the catalogue");
                }

                Execute("INSERT INTO weaknesses (id, component, vector, affected, fixed_in, title, source) VALUES ($id, $c, $v, $a, $f, $t, $s) " +
                    "ON CONFLICT(id, component) DO UPDATE SET vector = $v, affected = $a, fixed_in = $f, title = $t, source = $s",
                    tx, ("$id", w.Id), ("$c", w.Component), ("$v", w.Vector.Text), ("$a", string.Join(";", w.Affected)), ("$f", w.FixedIn),
                    ("$t", w.Title), ("$s", w.Source));
            }

            tx.Commit();
        }
    }

    /// <summary>Every component.</summary>
    public IReadOnlyList<CatalogueComponent> Components() =>
        Query("SELECT inventory_name, identifier, role, latest FROM components ORDER BY inventory_name", ReadComponent);

    /// <summary>A component by its inventory name, or null.</summary>
    public CatalogueComponent? Component(string inventoryName) => Component(inventoryName, null);

    /// <summary>The weaknesses of a component (every version).</summary>
    public IReadOnlyList<Weakness> WeaknessesOf(string inventoryName) =>
        Query("SELECT id, component, vector, affected, fixed_in, title, source FROM weaknesses WHERE component = $c ORDER BY id", ReadWeakness, ("$c", inventoryName));

    /// <summary>Every weakness.</summary>
    public IReadOnlyList<Weakness> Weaknesses() =>
        Query("SELECT id, component, vector, affected, fixed_in, title, source FROM weaknesses ORDER BY component, id", ReadWeakness);

    /// <summary>A setting, or null.</summary>
    public byte[]? Setting(string name) => Query("SELECT value FROM settings WHERE name = $n", r => (byte[])r[0], ("$n", name)).FirstOrDefault();

    /// <summary>Writes a setting.</summary>
    public void PutSetting(string name, byte[] value) =>
        Execute("INSERT INTO settings (name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = $v", null, ("$n", name), ("$v", value));

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private CatalogueComponent? Component(string inventoryName, SqliteTransaction? tx) =>
        Query("SELECT inventory_name, identifier, role, latest FROM components WHERE inventory_name = $n", ReadComponent, tx, ("$n", inventoryName)).FirstOrDefault();

    private static CatalogueComponent ReadComponent(SqliteDataReader r) =>
        new(r.GetString(0), ComponentIdentifier.Parse(r.GetString(1)), (ComponentRole)r.GetInt32(2), r.GetString(3));

    private static Weakness ReadWeakness(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), CvssVector.Parse(r.GetString(2)),
        [.. r.GetString(3).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(AffectedRange.Parse)], r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetString(6));
}
