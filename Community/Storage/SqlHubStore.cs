using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Community.Storage;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL stores: one schema, portable statements
/// (INSERT … ON CONFLICT, LIMIT, BIGINT/TEXT/DOUBLE PRECISION columns), named parameters.
/// Subclasses open connections and name the one non-portable column (the audit sequence).
/// </summary>
public abstract partial class SqlHubStore : IHubStore
{
    /// <summary>Column list of the objects table, in the order <see cref="ReadObject"/> expects.</summary>
    internal const string ObjectColumns =
        "date_added_us, collection_id, stix_id, stix_type, version_us, spec_version, is_first, is_last, producer, tlp, recipients, " +
        "threat_types, makes, models, suppliers, completeness, confidence, corroboration, produced_us, expires_us, revoked, created, body, authenticity";

    /// <summary>The DDL type of an auto-incrementing 64-bit primary key.</summary>
    protected abstract string AutoIncrementPrimaryKey { get; }

    /// <summary>Opens a connection to the database.</summary>
    protected internal abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        string[] ddl =
        [
            "CREATE TABLE IF NOT EXISTS organisations (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS credentials (username TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, password_hash TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS collections (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS memberships (collection_id TEXT NOT NULL, organisation_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection_id, organisation_id))",
            "CREATE TABLE IF NOT EXISTS objects (date_added_us BIGINT PRIMARY KEY, collection_id TEXT NOT NULL, stix_id TEXT NOT NULL, " +
            "stix_type TEXT NOT NULL, version_us BIGINT NOT NULL, spec_version TEXT NOT NULL, is_first BIGINT NOT NULL, is_last BIGINT NOT NULL, " +
            "producer TEXT NOT NULL, tlp BIGINT NOT NULL, recipients TEXT NOT NULL, threat_types TEXT NOT NULL, makes TEXT NOT NULL, " +
            "models TEXT NOT NULL, suppliers TEXT NOT NULL, completeness DOUBLE PRECISION NOT NULL, confidence BIGINT, corroboration BIGINT NOT NULL, " +
            "produced_us BIGINT NOT NULL, expires_us BIGINT, revoked BIGINT NOT NULL, created TEXT, body TEXT NOT NULL, " +
            "authenticity BIGINT NOT NULL DEFAULT 0, UNIQUE (collection_id, stix_id, version_us))",
            "CREATE INDEX IF NOT EXISTS objects_by_collection ON objects (collection_id, date_added_us)",
            "CREATE INDEX IF NOT EXISTS objects_by_id ON objects (collection_id, stix_id)",
            "CREATE INDEX IF NOT EXISTS objects_by_expiry ON objects (expires_us)",
            "CREATE TABLE IF NOT EXISTS statuses (id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, created_us BIGINT NOT NULL, expires_us BIGINT NOT NULL, body TEXT NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS audit (seq {AutoIncrementPrimaryKey}, at_us BIGINT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, " +
            "collection_id TEXT, subject TEXT, version_us BIGINT, reason TEXT)",
            "CREATE TABLE IF NOT EXISTS anomaly_groups (collection_id TEXT NOT NULL, group_key TEXT NOT NULL, signature TEXT NOT NULL, " +
            "vehicle_count BIGINT NOT NULL, last_seen_us BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection_id, group_key))",
            "CREATE INDEX IF NOT EXISTS anomaly_groups_by_signature ON anomaly_groups (collection_id, signature)",
            "CREATE TABLE IF NOT EXISTS anomaly_vehicles (collection_id TEXT NOT NULL, group_key TEXT NOT NULL, vehicle TEXT NOT NULL, " +
            "PRIMARY KEY (collection_id, group_key, vehicle))",
            "CREATE TABLE IF NOT EXISTS rules (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ];
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in ddl)
        {
            await using var cmd = Command(connection, null, statement);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Stores made before submissions were signed lack the authenticity column.
        if (!await HasColumnAsync(connection, "objects", "authenticity", cancellationToken).ConfigureAwait(false))
        {
            await using var alter = Command(connection, null, "ALTER TABLE objects ADD COLUMN authenticity BIGINT NOT NULL DEFAULT 0");
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="table"/> has <paramref name="column"/>.</summary>
    protected abstract Task<bool> HasColumnAsync(DbConnection connection, string table, string column, CancellationToken cancellationToken);

    /// <summary>
    /// Writes rows the batch assigned date_added and flags to, inside its transaction. This one: one prepared INSERT,
    /// executed per row (SQLite runs in process, a statement costs no round trip).
    /// </summary>
    internal virtual async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var names = ObjectColumns.Split(", ");
        await using var cmd = Command(connection, transaction,
            $"INSERT INTO objects ({ObjectColumns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})",
            [.. names.Select(n => ("@" + n, (object?)DBNull.Value))]);
        await cmd.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var values = RowValues(row);
            for (var i = 0; i < values.Length; i++)
            {
                cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The values of a row in <see cref="ObjectColumns"/> order (integers as long, null for SQL NULL).</summary>
    internal static object?[] RowValues(PendingRow pending)
    {
        var o = pending.Row;
        return
        [
            pending.DateAddedUs, o.CollectionId, o.StixId, o.StixType, o.VersionUs, o.SpecVersion, pending.IsFirst ? 1L : 0L, pending.IsLast ? 1L : 0L,
            o.Producer, (long)o.Tlp, ToJsonList(o.Recipients), ToJsonList(o.ThreatTypes), ToJsonList(o.Makes), ToJsonList(o.Models), ToJsonList(o.Suppliers),
            o.Completeness, o.Confidence is { } c ? (long)c : null, o.Corroboration, o.ProducedUs, o.ExpiresUs, o.Revoked ? 1L : 0L, o.Created, o.Body,
            (long)o.Authenticity,
        ];
    }

    /// <summary>
    /// Imports rows in one transaction without the ingest checks, each with a date_added above every stored one and
    /// its own first/last flags (benchmarks seeding a large store, migrations). Returns the last date_added.
    /// </summary>
    public async Task<long> BulkImportAsync(IEnumerable<StoredObject> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long last;
        await using (var max = Command(connection, transaction, "SELECT COALESCE(MAX(date_added_us), 0) FROM objects"))
        {
            last = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var chunk in rows.Chunk(5000))
        {
            var pending = chunk.Select(r => new PendingRow(r, last = Math.Max(r.DateAddedUs, last + 1), r.IsFirst, r.IsLast)).ToList();
            await WriteRowsAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return last;
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <inheritdoc />
    public async Task<IObjectBatch> BeginBatchAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new SqlObjectBatch(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value switch
            {
                null => DBNull.Value,
                bool b => b ? 1L : 0L,
                int i => (long)i,
                _ => value,
            };
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    internal static string InList(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"@{prefix}{i}"));

    internal static IEnumerable<(string, object?)> InParameters<T>(string prefix, IEnumerable<T> values) =>
        values.Select((v, i) => ($"@{prefix}{i}", (object?)v));

    internal static string ToJsonList(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(values.ToArray(), CommunityJsonContext.Default.StringArray);

    internal static IReadOnlyList<string> FromJsonList(string json) =>
        JsonSerializer.Deserialize(json, CommunityJsonContext.Default.StringArray) ?? [];

    internal static string Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.Serialize(value, info);

    internal static T Deserialize<T>(string json, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(json, info) ?? throw new InvalidDataException("a stored record is empty");

    internal static StoredObject ReadObject(DbDataReader r) => new()
    {
        DateAddedUs = r.GetInt64(0),
        CollectionId = r.GetString(1),
        StixId = r.GetString(2),
        StixType = r.GetString(3),
        VersionUs = r.GetInt64(4),
        SpecVersion = r.GetString(5),
        IsFirst = r.GetInt64(6) != 0,
        IsLast = r.GetInt64(7) != 0,
        Producer = r.GetString(8),
        Tlp = (Cti.Stix.TlpLevel)r.GetInt64(9),
        Recipients = FromJsonList(r.GetString(10)),
        ThreatTypes = FromJsonList(r.GetString(11)),
        Makes = FromJsonList(r.GetString(12)),
        Models = FromJsonList(r.GetString(13)),
        Suppliers = FromJsonList(r.GetString(14)),
        Completeness = r.GetDouble(15),
        Confidence = r.IsDBNull(16) ? null : (int)r.GetInt64(16),
        Corroboration = r.GetInt64(17),
        ProducedUs = r.GetInt64(18),
        ExpiresUs = r.IsDBNull(19) ? null : r.GetInt64(19),
        Revoked = r.GetInt64(20) != 0,
        Created = r.IsDBNull(21) ? null : r.GetString(21),
        Body = r.GetString(22),
        Authenticity = (Authenticity.SubmissionAuthenticity)r.GetInt64(23),
    };

    internal static async Task InsertAuditAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            await using var cmd = Command(connection, transaction,
                "INSERT INTO audit (at_us, action, actor, collection_id, subject, version_us, reason) VALUES (@at, @a, @actor, @c, @s, @v, @r)",
                ("@at", e.AtUs), ("@a", e.Action), ("@actor", e.Actor), ("@c", e.CollectionId), ("@s", e.Subject), ("@v", e.VersionUs), ("@r", e.Reason));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
