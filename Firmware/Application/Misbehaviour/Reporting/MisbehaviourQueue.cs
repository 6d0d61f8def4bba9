using Microsoft.Data.Sqlite;

namespace Firmware.Application.Misbehaviour.Reporting;

/// <summary>
/// The persistent store-and-forward queue of misbehaviour reports on their way to the misbehaviour authority, after the
/// pattern of the upstream queue (Firmware/Upstream/Queue/UpstreamQueue): a SQLite file in write-ahead-log mode with full
/// synchronisation, one transaction per change, so a report signed by the partition is neither lost nor sent twice
/// across restarts and offline periods. It holds signed reports (encrypted for the authority's certificate only when
/// sent, so a new authority certificate is used). Bounded: at most <see cref="Capacity"/> wait; when full the oldest
/// waiting one is dropped and counted. Thread-safe (one connection, calls serialised).
/// </summary>
public sealed class MisbehaviourQueue : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    private MisbehaviourQueue(SqliteConnection connection, int capacity, TimeProvider time)
    {
        _connection = connection;
        Capacity = capacity;
        _time = time;
    }

    /// <summary>Most reports waiting.</summary>
    public int Capacity { get; }

    /// <summary>Opens (or creates) the queue at <paramref name="path"/> (":memory:" for a queue that does not persist).</summary>
    /// <exception cref="MisbehaviourQueueException">The file is not a queue this code can use.</exception>
    public static MisbehaviourQueue Open(string path, int capacity, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(time);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        try
        {
            connection.Open();
            Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS reports (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    enqueued_us INTEGER NOT NULL,
                    signed BLOB NOT NULL,
                    state INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    settled_us INTEGER,
                    note TEXT);
                CREATE INDEX IF NOT EXISTS reports_by_state ON reports (state, seq);
                CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
            return new MisbehaviourQueue(connection, capacity, time);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new MisbehaviourQueueException($"{path} cannot be used as the misbehaviour report queue: {e.Message}", e);
        }
    }

    /// <summary>Queues a signed report; when the queue is full the oldest waiting report is dropped (and counted).</summary>
    public long Enqueue(string kind, string subject, ReadOnlySpan<byte> signed)
    {
        var bytes = signed.ToArray();
        return Run(() =>
        {
            using var tx = _connection.BeginTransaction();
            var waiting = Scalar(tx, "SELECT COUNT(*) FROM reports WHERE state = 0");
            if (waiting >= Capacity)
            {
                Execute(_connection, tx, "UPDATE reports SET state = 3, settled_us = $t, note = 'dropped: queue full' WHERE seq = (SELECT MIN(seq) FROM reports WHERE state = 0)",
                    ("$t", Now()));
                Add(tx, "dropped", 1);
            }

            Execute(_connection, tx, "INSERT INTO reports (kind, subject, enqueued_us, signed, state) VALUES ($k, $s, $t, $b, 0)",
                ("$k", kind), ("$s", subject), ("$t", Now()), ("$b", bytes));
            var seq = Scalar(tx, "SELECT last_insert_rowid()");
            Add(tx, "enqueued", 1);
            tx.Commit();
            return seq;
        });
    }

    /// <summary>The oldest waiting reports, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<(long Seq, string Kind, string Subject, byte[] Signed)> Waiting(int max) => Run(() =>
    {
        using var cmd = Command(null, "SELECT seq, kind, subject, signed FROM reports WHERE state = 0 ORDER BY seq LIMIT $n", ("$n", max));
        using var reader = cmd.ExecuteReader();
        var list = new List<(long, string, string, byte[])>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3]));
        }

        return (IReadOnlyList<(long, string, string, byte[])>)list;
    });

    /// <summary>The authority took it: delivered, with what it did.</summary>
    public void Delivered(long seq, string note) => Settle(seq, 1, note, "delivered");

    /// <summary>The authority refused it (a report that cannot be taken as it is): not retried.</summary>
    public void Refused(long seq, string note) => Settle(seq, 2, note, "refused");

    /// <summary>An attempt that did not reach the authority: the report waits.</summary>
    public void Attempted(long seq) => Run(() => Execute(_connection, null, "UPDATE reports SET attempts = attempts + 1 WHERE seq = $s AND state = 0", ("$s", seq)));

    /// <summary>Counters: enqueued, delivered, refused, dropped; and how many wait now.</summary>
    public MisbehaviourQueueCounts Counts() => Run(() =>
    {
        long Get(string name)
        {
            using var cmd = Command(null, "SELECT value FROM counters WHERE name = $n", ("$n", name));
            return cmd.ExecuteScalar() is long v ? v : 0;
        }

        using var waiting = Command(null, "SELECT COUNT(*) FROM reports WHERE state = 0");
        return new MisbehaviourQueueCounts(Get("enqueued"), Get("delivered"), Get("refused"), Get("dropped"), Convert.ToInt32(waiting.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    });

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void Settle(long seq, int state, string note, string counter) => Run(() =>
    {
        using var tx = _connection.BeginTransaction();
        if (Execute(_connection, tx, "UPDATE reports SET state = $st, settled_us = $t, note = $n WHERE seq = $s AND state = 0",
                ("$st", state), ("$t", Now()), ("$n", note), ("$s", seq)) == 1)
        {
            Add(tx, counter, 1);
        }

        tx.Commit();
    });

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private T Run<T>(Func<T> action)
    {
        lock (_lock)
        {
            try
            {
                return action();
            }
            catch (SqliteException e)
            {
                throw new MisbehaviourQueueException("The misbehaviour report queue failed: " + e.Message, e);
            }
        }
    }

    private void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    private void Add(SqliteTransaction tx, string name, long delta) =>
        Execute(_connection, tx, "INSERT INTO counters (name, value) VALUES ($n, $d) ON CONFLICT (name) DO UPDATE SET value = value + $d", ("$n", name), ("$d", delta));

    private long Scalar(SqliteTransaction tx, string sql)
    {
        using var cmd = Command(tx, sql);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
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

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd.ExecuteNonQuery();
    }
}
