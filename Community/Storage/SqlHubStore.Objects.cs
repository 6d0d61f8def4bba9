using System.Text;

namespace Community.Storage;

public abstract partial class SqlHubStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredObject>> QueryObjectsAsync(ObjectQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // With ids given, "+ 0" keeps the planner off the (collection, date_added) index so that it looks
        // the few rows up through (collection, stix_id) instead of scanning the collection (SQLite
        // picks the ordering index otherwise: 190 ms instead of 1 ms for one id among 100,000 objects).
        var dateAdded = query.Ids is { Count: > 0 } ? "(date_added_us + 0)" : "date_added_us";
        var sql = new StringBuilder($"SELECT {ObjectColumns} FROM objects WHERE collection_id = @c AND {dateAdded} > @after");
        var parameters = new List<(string, object?)> { ("@c", query.CollectionId), ("@after", query.AfterDateAddedUs) };
        if (query.Ids is { Count: > 0 } ids)
        {
            sql.Append($" AND stix_id IN ({InList("i", ids.Count)})");
            parameters.AddRange(InParameters("i", ids));
        }

        if (query.Types is { Count: > 0 } types)
        {
            sql.Append($" AND stix_type IN ({InList("t", types.Count)})");
            parameters.AddRange(InParameters("t", types));
        }

        if (!query.AllVersions)
        {
            // TAXII 2.1 §3.5.1 match[version]: the union of the selected versions.
            var clauses = new List<string>();
            if (query.FirstVersions)
            {
                clauses.Add("is_first = 1");
            }

            if (query.LastVersions)
            {
                clauses.Add("is_last = 1");
            }

            if (query.Versions is { Count: > 0 } versions)
            {
                clauses.Add($"version_us IN ({InList("v", versions.Count)})");
                parameters.AddRange(InParameters("v", versions));
            }

            if (clauses.Count == 0)
            {
                return [];
            }

            sql.Append(" AND (").Append(string.Join(" OR ", clauses)).Append(')');
        }

        sql.Append($" ORDER BY {dateAdded} LIMIT @limit");
        parameters.Add(("@limit", (long)query.Limit));
        return await ReadObjectsAsync(sql.ToString(), parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredObject>> ScanLatestAsync(IReadOnlyCollection<string> collectionIds, long afterDateAddedUs, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collectionIds);
        if (collectionIds.Count == 0)
        {
            return [];
        }

        var sql = $"SELECT {ObjectColumns} FROM objects WHERE is_last = 1 AND date_added_us > @after AND collection_id IN ({InList("c", collectionIds.Count)}) " +
                  "ORDER BY date_added_us LIMIT @limit";
        var parameters = new List<(string, object?)> { ("@after", afterDateAddedUs), ("@limit", (long)limit) };
        parameters.AddRange(InParameters("c", collectionIds));
        return await ReadObjectsAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountObjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT COUNT(*) FROM objects");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<StatusRecord?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT id, organisation_id, created_us, expires_us, body FROM statuses WHERE id = @id", ("@id", id));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StatusRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null,
            "SELECT seq, at_us, action, actor, collection_id, subject, version_us, reason FROM audit WHERE seq > @after ORDER BY seq LIMIT @limit",
            ("@after", afterSequence), ("@limit", (long)limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AuditEntry>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new AuditEntry
            {
                Sequence = r.GetInt64(0),
                AtUs = r.GetInt64(1),
                Action = r.GetString(2),
                Actor = r.GetString(3),
                CollectionId = r.IsDBNull(4) ? null : r.GetString(4),
                Subject = r.IsDBNull(5) ? null : r.GetString(5),
                VersionUs = r.IsDBNull(6) ? null : r.GetInt64(6),
                Reason = r.IsDBNull(7) ? null : r.GetString(7),
            });
        }

        return result;
    }

    /// <inheritdoc />
    public async Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InsertAuditAsync(connection, null, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AnomalyGroup>> TopAnomalyGroupsAsync(IReadOnlyCollection<string> collectionIds, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collectionIds);
        if (collectionIds.Count == 0)
        {
            return [];
        }

        var parameters = new List<(string, object?)> { ("@limit", (long)limit) };
        parameters.AddRange(InParameters("c", collectionIds));
        return (await QueryBodiesAsync(
                $"SELECT body FROM anomaly_groups WHERE collection_id IN ({InList("c", collectionIds.Count)}) ORDER BY vehicle_count DESC, group_key LIMIT @limit",
                cancellationToken, [.. parameters]).ConfigureAwait(false))
            .Select(b => Deserialize(b, CommunityJsonContext.Default.AnomalyGroup)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AnomalyGroup>> AnomalyGroupsBySignatureAsync(string collectionId, string signature, CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM anomaly_groups WHERE collection_id = @c AND signature = @s ORDER BY group_key", cancellationToken,
            ("@c", collectionId), ("@s", signature)).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.AnomalyGroup)).ToList();

    /// <inheritdoc />
    public Task UpsertRuleAsync(FalseAlarmRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ExecuteAsync("INSERT INTO rules (id, body) VALUES (@id, @body) ON CONFLICT (id) DO UPDATE SET body = excluded.body", cancellationToken,
            ("@id", rule.Id), ("@body", Serialize(rule, CommunityJsonContext.Default.FalseAlarmRule)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FalseAlarmRule>> ListRulesAsync(CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM rules ORDER BY id", cancellationToken).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.FalseAlarmRule)).ToList();

    /// <inheritdoc />
    public async Task<bool> DeleteRuleAsync(string id, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM rules WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT value FROM settings WHERE key = @k", cancellationToken, ("@k", key)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", cancellationToken,
            ("@k", key), ("@v", value));

    private async Task<List<StoredObject>> ReadObjectsAsync(string sql, List<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, sql, [.. parameters]);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredObject>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadObject(r));
        }

        return result;
    }
}
