using System.Buffers.Binary;
using Cti.Sharing;
using Cti.Stix;
using Firmware.Upstream.Desensitising;
using Hardware.Random;
using Firmware.Persistence;

namespace Firmware.Upstream.Queue;

/// <summary>
/// The persistent store-and-forward queue between the secure partition and the hub: a SQLite file in
/// write-ahead-log mode with full synchronisation, one transaction per state change, so a process
/// killed at any instruction leaves every change either done or not done:
/// <list type="bullet">
/// <item><see cref="CommitReport"/>: a report's summaries are queued and the report cursor advances in
/// one transaction: a restart neither skips nor repeats a report.</item>
/// <item><see cref="Settle"/>: summaries are marked delivered only when the hub's status said so.</item>
/// <item>Each summary keeps its STIX objects (with their fixed ids) until it is settled, so a resend
/// after a crash is byte-identical and the hub's idempotency by id and version makes it harmless.</item>
/// <item>Bounded: at most <see cref="Capacity"/> summaries wait; when full, the lowest-severity oldest
/// one is dropped (or the new one, when it is the lowest), and every drop is counted.</item>
/// </list>
/// Thread-safe (one connection, calls serialised).
/// </summary>
public sealed partial class UpstreamQueue : IDisposable
{
    private const string KeySetting = "pseudonym-key";
    private const string ReportCursorSetting = "report-cursor";
    private const string IndicatorCursorSetting = "indicator-cursor";
    private const string SchemaSetting = "schema";
    private const long SchemaVersion = 1;

    private readonly DurableSqlite _db;
    private readonly TimeProvider _time;

    private UpstreamQueue(DurableSqlite db, int capacity, TimeProvider time, byte[] key)
    {
        _db = db;
        Capacity = capacity;
        _time = time;
        PseudonymKey = key;
    }

    /// <summary>Most summaries waiting.</summary>
    public int Capacity { get; }

    /// <summary>The vehicle's pseudonym key (32 random bytes made on first open; never leaves the OBU).</summary>
    public byte[] PseudonymKey { get; }

    /// <summary>Opens (or creates) the queue at <paramref name="path"/>.</summary>
    /// <exception cref="UpstreamQueueException">The file is not a queue this code can use.</exception>
    public static UpstreamQueue Open(string path, int capacity, TimeProvider time, IRandomSource random)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        var db = DurableSqlite.Open(path, """
            CREATE TABLE IF NOT EXISTS summaries (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                severity INTEGER NOT NULL,
                report_sequence INTEGER NOT NULL,
                enqueued_us INTEGER NOT NULL,
                objects TEXT NOT NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                settled_us INTEGER,
                note TEXT);
            CREATE INDEX IF NOT EXISTS summaries_by_state ON summaries (state, severity, seq);
            CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
            """,
            e => new UpstreamQueueException($"{path} cannot be used as the upstream queue: {e.Message}", e),
            e => new UpstreamQueueException("The upstream queue failed: " + e.Message, e));
        try
        {
            var key = db.Run(() =>
            {
                using var tx = db.Begin();
                var schema = ReadSetting(db, tx, SchemaSetting);
                if (schema is null)
                {
                    WriteSetting(db, tx, SchemaSetting, I64(SchemaVersion));
                }
                else if (schema.Length != 8 || BinaryPrimitives.ReadInt64BigEndian(schema) != SchemaVersion)
                {
                    throw new UpstreamQueueException($"{path} holds a queue of another schema version.");
                }

                var stored = ReadSetting(db, tx, KeySetting);
                if (stored is null)
                {
                    stored = new byte[Pseudonymiser.KeyBytes];
                    random.Fill(stored);
                    WriteSetting(db, tx, KeySetting, stored);
                }
                else if (stored.Length != Pseudonymiser.KeyBytes)
                {
                    throw new UpstreamQueueException($"{path}: the stored pseudonym key is damaged.");
                }

                tx.Commit();
                return stored;
            });
            return new UpstreamQueue(db, capacity, time, key);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Sequence of the last report committed (0 before the first).</summary>
    public ulong ReportCursor => _db.Run(() => ReadSetting(_db, null, ReportCursorSetting) is { Length: 8 } b ? BinaryPrimitives.ReadUInt64BigEndian(b) : 0UL);

    /// <summary>The indicator poll cursor (the hub's X-TAXII-Date-Added-Last), or null before the first poll.</summary>
    public DateTimeOffset? IndicatorCursor => _db.Run<DateTimeOffset?>(() =>
        ReadSetting(_db, null, IndicatorCursorSetting) is { Length: 8 } b ? StixTimestamp.FromMicroseconds(BinaryPrimitives.ReadInt64BigEndian(b)) : null);

    /// <summary>
    /// Commits one report in one transaction: its ready summaries are queued (a summary already known
    /// is a duplicate; a full queue drops the lowest-severity oldest), the blocked, withheld and
    /// truncated counts are added, and the report cursor becomes <paramref name="sequence"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The sequence is not after the cursor (a caller's mistake).</exception>
    public void CommitReport(ulong sequence, DesensitisedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _db.Run(() =>
        {
            using var tx = _db.Begin();
            var cursor = ReadSetting(_db, tx, ReportCursorSetting) is { Length: 8 } b ? BinaryPrimitives.ReadUInt64BigEndian(b) : 0UL;
            if (sequence <= cursor)
            {
                throw new ArgumentException($"Report {sequence} is not after the cursor {cursor}.", nameof(sequence));
            }

            var now = StixTimestamp.ToMicroseconds(_time.GetUtcNow());
            var pending = _db.Scalar(tx, "SELECT COUNT(*) FROM summaries WHERE state = 0");
            long enqueued = 0, duplicates = 0, dropped = 0;
            foreach (var summary in report.Ready.OrderByDescending(s => s.Severity))
            {
                if (_db.Scalar(tx, "SELECT COUNT(*) FROM summaries WHERE id = $id", ("$id", summary.ObservedDataId)) > 0)
                {
                    duplicates++;
                    continue;
                }

                if (pending >= Capacity)
                {
                    // Full: drop the lowest-severity oldest waiting summary, unless the new one is lower still.
                    dropped++;
                    using var victim = _db.Command(tx, "SELECT seq, severity FROM summaries WHERE state = 0 ORDER BY severity ASC, seq ASC LIMIT 1");
                    using var reader = victim.ExecuteReader();
                    if (!reader.Read() || reader.GetInt32(1) > (int)summary.Severity)
                    {
                        continue;
                    }

                    var seq = reader.GetInt64(0);
                    reader.Close();
                    _db.Execute(tx, "DELETE FROM summaries WHERE seq = $seq", ("$seq", seq));
                    pending--;
                }

                _db.Execute(tx,
                    "INSERT INTO summaries (id, severity, report_sequence, enqueued_us, objects, state) VALUES ($id, $severity, $report, $now, $objects, 0)",
                    ("$id", summary.ObservedDataId), ("$severity", (int)summary.Severity), ("$report", (long)sequence), ("$now", now),
                    ("$objects", StixJson.Write(new System.Text.Json.Nodes.JsonArray(summary.Objects.Select(o => (System.Text.Json.Nodes.JsonNode)o.DeepClone()).ToArray()))));
                pending++;
                enqueued++;
            }

            _db.AddCounter(tx, QueueCounters.ReportsRead, 1);
            _db.AddCounter(tx, QueueCounters.Enqueued, enqueued);
            _db.AddCounter(tx, QueueCounters.Duplicates, duplicates);
            _db.AddCounter(tx, QueueCounters.Dropped, dropped);
            _db.AddCounter(tx, QueueCounters.Blocked, report.Blocked.Count);
            _db.AddCounter(tx, QueueCounters.Withheld, report.Withheld);
            _db.AddCounter(tx, QueueCounters.Truncated, report.Truncated);
            WriteSetting(_db, tx, ReportCursorSetting, U64(sequence));
            tx.Commit();
        });
    }

    /// <summary>Up to <paramref name="max"/> waiting summaries, highest severity first, then oldest first.</summary>
    public IReadOnlyList<QueuedSummary> Pending(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return _db.Run(() =>
        {
            using var cmd = _db.Command(null, "SELECT id, severity, report_sequence, enqueued_us, attempts, objects FROM summaries WHERE state = 0 ORDER BY severity DESC, seq ASC LIMIT $max", ("$max", max));
            using var reader = cmd.ExecuteReader();
            var list = new List<QueuedSummary>();
            while (reader.Read())
            {
                list.Add(new QueuedSummary(reader.GetString(0), (AnomalySeverity)reader.GetInt32(1), (ulong)reader.GetInt64(2),
                    StixTimestamp.FromMicroseconds(reader.GetInt64(3)), reader.GetInt32(4), reader.GetString(5)));
            }

            return (IReadOnlyList<QueuedSummary>)list;
        });
    }

    /// <summary>Records the hub's verdicts in one transaction (only summaries still pending change).</summary>
    public void Settle(IReadOnlyList<Settlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        _db.Run(() =>
        {
            using var tx = _db.Begin();
            var now = StixTimestamp.ToMicroseconds(_time.GetUtcNow());
            long delivered = 0, refused = 0, scrubbed = 0;
            foreach (var s in settlements)
            {
                if (s.State == SummaryState.Pending)
                {
                    _db.Execute(tx, "UPDATE summaries SET attempts = attempts + 1 WHERE id = $id AND state = 0", ("$id", s.Id));
                    continue;
                }

                var changed = _db.Execute(tx, "UPDATE summaries SET state = $state, attempts = attempts + 1, settled_us = $now, note = $note WHERE id = $id AND state = 0",
                    ("$state", (int)s.State), ("$now", now), ("$note", (object?)s.Note ?? DBNull.Value), ("$id", s.Id));
                if (changed == 1)
                {
                    delivered += s.State == SummaryState.Delivered ? 1 : 0;
                    refused += s.State == SummaryState.Refused ? 1 : 0;
                    scrubbed += s.HubScrubbed;
                }
            }

            _db.AddCounter(tx, QueueCounters.Delivered, delivered);
            _db.AddCounter(tx, QueueCounters.Refused, refused);
            _db.AddCounter(tx, QueueCounters.HubScrubbed, scrubbed);
            tx.Commit();
        });
    }

    /// <summary>Adds to counters in one transaction.</summary>
    public void Count(params (string Name, long Delta)[] deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        _db.Run(() =>
        {
            using var tx = _db.Begin();
            foreach (var (name, delta) in deltas)
            {
                _db.AddCounter(tx, name, delta);
            }

            tx.Commit();
        });
    }

    /// <summary>Moves the indicator cursor and adds to counters in one transaction (after the page's rules were deployed).</summary>
    public void CommitIndicatorPage(DateTimeOffset? cursor, params (string Name, long Delta)[] deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        _db.Run(() =>
        {
            using var tx = _db.Begin();
            if (cursor is { } c)
            {
                WriteSetting(_db, tx, IndicatorCursorSetting, I64(StixTimestamp.ToMicroseconds(c)));
            }

            foreach (var (name, delta) in deltas)
            {
                _db.AddCounter(tx, name, delta);
            }

            tx.Commit();
        });
    }

    /// <summary>Forgets delivered and refused summaries settled before <paramref name="before"/>; returns how many.</summary>
    public int ForgetSettled(DateTimeOffset before) =>
        _db.Run(() => _db.Execute(null, "DELETE FROM summaries WHERE state <> 0 AND settled_us < $before", ("$before", StixTimestamp.ToMicroseconds(before))));

    /// <summary>The queue's counts, cursors and counters.</summary>
    public QueueSnapshot Snapshot() => _db.Run(() =>
    {
        using var tx = _db.Begin(deferred: true);
        var counts = new long[3];
        using (var cmd = _db.Command(tx, "SELECT state, COUNT(*) FROM summaries GROUP BY state"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                counts[Math.Clamp(reader.GetInt32(0), 0, 2)] += reader.GetInt64(1);
            }
        }

        var counters = _db.Counters(tx);
        var cursor = ReadSetting(_db, tx, ReportCursorSetting) is { Length: 8 } b ? BinaryPrimitives.ReadUInt64BigEndian(b) : 0UL;
        DateTimeOffset? indicators = ReadSetting(_db, tx, IndicatorCursorSetting) is { Length: 8 } i ? StixTimestamp.FromMicroseconds(BinaryPrimitives.ReadInt64BigEndian(i)) : null;
        return new QueueSnapshot((int)counts[0], (int)counts[1], (int)counts[2], cursor, indicators, counters);
    });

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();
}
