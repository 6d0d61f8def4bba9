using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Firmware.Persistence;

/// <summary>
/// The SQLite file under a durable store-and-forward queue of the OBU (the upstream queue to the hub, the misbehaviour
/// report queue to the authority): write-ahead-log mode with full synchronisation, so a committed transaction survives
/// a power cut (SQLite "PRAGMA synchronous", FULL: the WAL is synced at every commit); one connection, every call
/// serialised; a counters table; and every SQLite failure turned into the owner's typed error.
/// </summary>
internal sealed class DurableSqlite : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Func<SqliteException, Exception> _failed;
    private readonly Lock _lock = new();

    private DurableSqlite(SqliteConnection connection, Func<SqliteException, Exception> failed)
    {
        _connection = connection;
        _failed = failed;
    }

    /// <summary>
    /// Opens (or creates) the file and runs <paramref name="schema"/> (CREATE ... IF NOT EXISTS) in one transaction,
    /// with a counters table (name, value) beside it.
    /// </summary>
    /// <param name="cannotOpen">The owner's error for a file it cannot use (with the path and SQLite's message).</param>
    /// <param name="failed">The owner's error for a later failure.</param>
    public static DurableSqlite Open(string path, string schema, Func<SqliteException, Exception> cannotOpen, Func<SqliteException, Exception> failed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        try
        {
            connection.Open();
            var db = new DurableSqlite(connection, failed);
            db.Execute(null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            using var tx = connection.BeginTransaction();
            db.Execute(tx, schema + "\nCREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);");
            tx.Commit();
            return db;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw cannotOpen(e);
        }
    }

    /// <summary>Runs <paramref name="action"/> alone on the connection; a SQLite failure becomes the owner's error.</summary>
    public T Run<T>(Func<T> action)
    {
        lock (_lock)
        {
            try
            {
                return action();
            }
            catch (SqliteException e)
            {
                throw _failed(e);
            }
        }
    }

    /// <inheritdoc cref="Run{T}(Func{T})"/>
    public void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    /// <summary>A transaction (inside <see cref="Run{T}(Func{T})"/>, or while opening).</summary>
    public SqliteTransaction Begin(bool deferred = false) => _connection.BeginTransaction(deferred);

    /// <summary>A command with its parameters bound.</summary>
    public SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }

    /// <summary>Runs a statement; returns the rows changed.</summary>
    public int Execute(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, as a whole number.</summary>
    public long Scalar(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Adds <paramref name="delta"/> to a counter in the transaction.</summary>
    public void AddCounter(SqliteTransaction tx, string name, long delta)
    {
        if (delta != 0)
        {
            Execute(tx, "INSERT INTO counters (name, value) VALUES ($name, $delta) ON CONFLICT (name) DO UPDATE SET value = value + $delta",
                ("$name", name), ("$delta", delta));
        }
    }

    /// <summary>A counter's value (0 before its first addition).</summary>
    public long Counter(SqliteTransaction? tx, string name)
    {
        using var cmd = Command(tx, "SELECT value FROM counters WHERE name = $name", ("$name", name));
        return cmd.ExecuteScalar() is long v ? v : 0;
    }

    /// <summary>Every counter.</summary>
    public Dictionary<string, long> Counters(SqliteTransaction? tx)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        using var cmd = Command(tx, "SELECT name, value FROM counters");
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            counters[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counters;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }
}
