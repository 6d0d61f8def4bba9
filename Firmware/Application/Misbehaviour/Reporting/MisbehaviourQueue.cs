using Firmware.Persistence;

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
    private readonly DurableSqlite _db;
    private readonly TimeProvider _time;

    private MisbehaviourQueue(DurableSqlite db, int capacity, TimeProvider time)
    {
        _db = db;
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
        var db = DurableSqlite.Open(path, """
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
            """,
            e => new MisbehaviourQueueException($"{path} cannot be used as the misbehaviour report queue: {e.Message}", e),
            e => new MisbehaviourQueueException("The misbehaviour report queue failed: " + e.Message, e));
        return new MisbehaviourQueue(db, capacity, time);
    }

    /// <summary>Queues a signed report; when the queue is full the oldest waiting report is dropped (and counted).</summary>
    public long Enqueue(string kind, string subject, ReadOnlySpan<byte> signed)
    {
        var bytes = signed.ToArray();
        return _db.Run(() =>
        {
            using var tx = _db.Begin();
            var waiting = _db.Scalar(tx, "SELECT COUNT(*) FROM reports WHERE state = 0");
            if (waiting >= Capacity)
            {
                _db.Execute(tx, "UPDATE reports SET state = 3, settled_us = $t, note = 'dropped: queue full' WHERE seq = (SELECT MIN(seq) FROM reports WHERE state = 0)",
                    ("$t", Now()));
                _db.AddCounter(tx, "dropped", 1);
            }

            _db.Execute(tx, "INSERT INTO reports (kind, subject, enqueued_us, signed, state) VALUES ($k, $s, $t, $b, 0)",
                ("$k", kind), ("$s", subject), ("$t", Now()), ("$b", bytes));
            var seq = _db.Scalar(tx, "SELECT last_insert_rowid()");
            _db.AddCounter(tx, "enqueued", 1);
            tx.Commit();
            return seq;
        });
    }

    /// <summary>The oldest waiting reports, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<(long Seq, string Kind, string Subject, byte[] Signed)> Waiting(int max) => _db.Run(() =>
    {
        using var cmd = _db.Command(null, "SELECT seq, kind, subject, signed FROM reports WHERE state = 0 ORDER BY seq LIMIT $n", ("$n", max));
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
    public void Attempted(long seq) => _db.Run(() => _db.Execute(null, "UPDATE reports SET attempts = attempts + 1 WHERE seq = $s AND state = 0", ("$s", seq)));

    /// <summary>Counters: enqueued, delivered, refused, dropped; and how many wait now.</summary>
    public MisbehaviourQueueCounts Counts() => _db.Run(() => new MisbehaviourQueueCounts(
        _db.Counter(null, "enqueued"), _db.Counter(null, "delivered"), _db.Counter(null, "refused"), _db.Counter(null, "dropped"),
        (int)_db.Scalar(null, "SELECT COUNT(*) FROM reports WHERE state = 0")));

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private void Settle(long seq, int state, string note, string counter) => _db.Run(() =>
    {
        using var tx = _db.Begin();
        if (_db.Execute(tx, "UPDATE reports SET state = $st, settled_us = $t, note = $n WHERE seq = $s AND state = 0",
                ("$st", state), ("$t", Now()), ("$n", note), ("$s", seq)) == 1)
        {
            _db.AddCounter(tx, counter, 1);
        }

        tx.Commit();
    });

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
