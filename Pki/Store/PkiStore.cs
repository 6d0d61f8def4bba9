using Microsoft.Data.Sqlite;

namespace Pki.Store;

/// <summary>
/// The bench PKI's state in one SQLite file (WAL journal, synchronous FULL): authorities and their keys,
/// issued certificates, stations, enrolments, assessments, compromises, the AA's resolution records, CRL
/// entries and misbehaviour reports. Every operation that writes does so in one transaction
/// (<see cref="Begin"/>), so a crash leaves either all of it or none of it. Thread-safe: one operation at a time.
/// </summary>
public sealed partial class PkiStore : IDisposable
{
    /// <summary>The state file inside a PKI folder.</summary>
    public const string FileName = "pki.db";

    /// <summary>2: stations gained station_type and vehicle_role (a version-1 file is migrated on open: passenger cars, default role).</summary>
    private const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private SqliteTransaction? _active;

    private PkiStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Creates the state file of a new PKI in <paramref name="folder"/> (which must not hold one).</summary>
    /// <exception cref="ArgumentException">The folder already holds a PKI.</exception>
    public static PkiStore Create(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            throw new ArgumentException($"{folder} already holds a PKI ({FileName})", nameof(folder));
        }

        using (File.Create(path))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            // The CA keys live in this file on the bench: owner read/write only.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var store = OpenConnection(path);
        store.CreateSchema();
        return store;
    }

    /// <summary>Opens the state of an existing PKI folder.</summary>
    /// <exception cref="ArgumentException">The folder holds no PKI, or one of another schema version.</exception>
    public static PkiStore Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{folder} holds no PKI (no {FileName}); run 'init' first", nameof(folder));
        }

        PkiStore store;
        long version;
        try
        {
            store = OpenConnection(path);
        }
        catch (SqliteException e)
        {
            throw new ArgumentException($"{path} is not a PKI state file: {e.Message}", nameof(folder), e);
        }

        try
        {
            version = store.Scalar("PRAGMA user_version");
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new ArgumentException($"{path} is not a PKI state file: {e.Message}", nameof(folder), e);
        }

        if (version == 1)
        {
            store.MigrateFrom1();
            version = SchemaVersion;
        }

        if (version != SchemaVersion)
        {
            store.Dispose();
            throw new ArgumentException($"{path} has schema version {version}, expected {SchemaVersion}", nameof(folder));
        }

        return store;
    }

    private static PkiStore OpenConnection(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        var store = new PkiStore(connection, path);
        try
        {
            connection.Open();
            store.Execute("PRAGMA journal_mode=WAL");
            store.Execute("PRAGMA synchronous=FULL");
            store.Execute("PRAGMA foreign_keys=ON");
            store.Execute("PRAGMA busy_timeout=5000");
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void CreateSchema()
    {
        using var tx = Begin();
        foreach (var statement in Schema.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            tx.Execute(statement);
        }

        tx.Execute($"PRAGMA user_version={SchemaVersion}");
        tx.Commit();
    }

    // Schema 1 had no station type or role: every station registered then was a car of the default role.
    private void MigrateFrom1()
    {
        using var tx = Begin();
        tx.Execute("ALTER TABLE stations ADD COLUMN station_type INTEGER NOT NULL DEFAULT 5");
        tx.Execute("ALTER TABLE stations ADD COLUMN vehicle_role INTEGER NOT NULL DEFAULT 0");
        tx.Execute($"PRAGMA user_version={SchemaVersion}");
        tx.Commit();
    }

    private const string Schema = """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE authorities (id INTEGER PRIMARY KEY, role INTEGER NOT NULL, model TEXT, certificate BLOB NOT NULL,
            digest INTEGER NOT NULL UNIQUE, signing_key BLOB NOT NULL, encryption_key BLOB, revoked_at INTEGER);
        CREATE TABLE certificates (digest INTEGER PRIMARY KEY, issuer INTEGER NOT NULL, kind TEXT NOT NULL, encoded BLOB NOT NULL,
            not_after INTEGER NOT NULL);
        CREATE TABLE stations (station_id TEXT PRIMARY KEY, canonical_key BLOB NOT NULL, vendor TEXT NOT NULL, product TEXT NOT NULL,
            idf_vendor TEXT NOT NULL, idf_product TEXT NOT NULL, idf_version TEXT NOT NULL, assurance INTEGER NOT NULL,
            investigator INTEGER NOT NULL, registered_at INTEGER NOT NULL, blocked_at INTEGER, block_reason TEXT,
            station_type INTEGER NOT NULL DEFAULT 5, vehicle_role INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE enrolments (ec_digest INTEGER PRIMARY KEY, station_id TEXT NOT NULL REFERENCES stations(station_id),
            issued_at INTEGER NOT NULL, not_after INTEGER NOT NULL);
        CREATE TABLE assessments (serial INTEGER PRIMARY KEY, vendor TEXT NOT NULL, product TEXT NOT NULL, signed BLOB NOT NULL);
        CREATE TABLE assessment_history (id INTEGER PRIMARY KEY, serial INTEGER NOT NULL REFERENCES assessments(serial),
            at INTEGER NOT NULL, action TEXT NOT NULL, level INTEGER NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE compromises (id INTEGER PRIMARY KEY, vendor TEXT NOT NULL, product TEXT NOT NULL, first_version TEXT NOT NULL,
            last_version TEXT NOT NULL, found_at INTEGER NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE resolutions (ticket INTEGER PRIMARY KEY, aa INTEGER NOT NULL, ea INTEGER NOT NULL, encrypted_ec_signature BLOB NOT NULL,
            not_after INTEGER NOT NULL);
        CREATE TABLE crl_entries (ca INTEGER NOT NULL, revoked INTEGER NOT NULL, revoked_at INTEGER NOT NULL, PRIMARY KEY (ca, revoked));
        CREATE TABLE reports (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, kind INTEGER NOT NULL, reporter TEXT NOT NULL,
            subject TEXT, action TEXT NOT NULL)
        """;

    /// <summary>Starts a write transaction; everything written through it lands together on <see cref="PkiTransaction.Commit"/> or not at all.</summary>
    public PkiTransaction Begin()
    {
        _gate.Enter();
        try
        {
            _active = _connection.BeginTransaction(System.Data.IsolationLevel.Serializable);
            return new PkiTransaction(this, _connection, _active, _gate);
        }
        catch
        {
            _gate.Exit();
            throw;
        }
    }

    private void Execute(string sql)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private long Scalar(string sql)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Runs a query under the gate and maps each row.</summary>
    internal List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _active;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    internal void EndTransaction() => _active = null;

    public void Dispose()
    {
        _connection.Dispose();
    }
}
