namespace Community.Storage;

internal sealed partial class SqlObjectBatch
{
    public Task SaveStatusAsync(StatusRecord status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return ExecAsync("INSERT INTO statuses (id, organisation_id, created_us, expires_us, body) VALUES (@id, @o, @cr, @ex, @b)", cancellationToken,
            ("@id", status.Id), ("@o", status.OrganisationId), ("@cr", status.CreatedUs), ("@ex", status.ExpiresUs), ("@b", status.Json));
    }

    public Task<int> PurgeStatusesAsync(long nowUs, CancellationToken cancellationToken) =>
        ExecAsync("DELETE FROM statuses WHERE expires_us <= @now", cancellationToken, ("@now", nowUs));

    public Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        SqlHubStore.InsertAuditAsync(_connection, _transaction, entries, cancellationToken);

    public async Task<AnomalyGroup?> GetAnomalyGroupAsync(string collectionId, string groupKey, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd("SELECT body FROM anomaly_groups WHERE collection_id = @c AND group_key = @k", ("@c", collectionId), ("@k", groupKey));
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string body
            ? SqlHubStore.Deserialize(body, CommunityJsonContext.Default.AnomalyGroup)
            : null;
    }

    public Task SaveAnomalyGroupAsync(AnomalyGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        return ExecAsync(
            "INSERT INTO anomaly_groups (collection_id, group_key, signature, vehicle_count, last_seen_us, body) VALUES (@c, @k, @s, @n, @ls, @b) " +
            "ON CONFLICT (collection_id, group_key) DO UPDATE SET vehicle_count = excluded.vehicle_count, last_seen_us = excluded.last_seen_us, body = excluded.body",
            cancellationToken,
            ("@c", group.CollectionId), ("@k", group.GroupKey), ("@s", group.Signature), ("@n", group.VehicleCount), ("@ls", group.LastSeenUs),
            ("@b", SqlHubStore.Serialize(group, CommunityJsonContext.Default.AnomalyGroup)));
    }

    public async Task DeleteAnomalyGroupAsync(string collectionId, string groupKey, CancellationToken cancellationToken)
    {
        await ExecAsync("DELETE FROM anomaly_vehicles WHERE collection_id = @c AND group_key = @k", cancellationToken, ("@c", collectionId), ("@k", groupKey))
            .ConfigureAwait(false);
        await ExecAsync("DELETE FROM anomaly_groups WHERE collection_id = @c AND group_key = @k", cancellationToken, ("@c", collectionId), ("@k", groupKey))
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AnomalyGroup>> FindStaleAnomalyGroupsAsync(string collectionId, long lastSeenBeforeUs, int limit, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd("SELECT body FROM anomaly_groups WHERE collection_id = @c AND last_seen_us < @before ORDER BY last_seen_us LIMIT @limit",
            ("@c", collectionId), ("@before", lastSeenBeforeUs), ("@limit", (long)limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AnomalyGroup>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(SqlHubStore.Deserialize(r.GetString(0), CommunityJsonContext.Default.AnomalyGroup));
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, int>> AddAnomalyVehiclesAsync(string collectionId, IReadOnlyCollection<(string GroupKey, string Vehicle)> reports,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in reports.Distinct().Chunk(300))
        {
            // ON CONFLICT DO NOTHING RETURNING: only the rows new to their group come back (SQLite 3.35+, PostgreSQL).
            var values = string.Join(", ", chunk.Select((_, i) => $"(@c, @k{i}, @v{i})"));
            var parameters = new List<(string, object?)> { ("@c", collectionId) };
            parameters.AddRange(SqlHubStore.InParameters("k", chunk.Select(r => r.GroupKey)));
            parameters.AddRange(SqlHubStore.InParameters("v", chunk.Select(r => r.Vehicle)));
            await using var cmd = Cmd($"INSERT INTO anomaly_vehicles (collection_id, group_key, vehicle) VALUES {values} ON CONFLICT DO NOTHING RETURNING group_key",
                [.. parameters]);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = r.GetString(0);
                added[key] = added.GetValueOrDefault(key) + 1;
            }
        }

        return added;
    }

    public async Task<IReadOnlyDictionary<string, AnomalyGroup>> GetAnomalyGroupsAsync(string collectionId, IReadOnlyCollection<string> groupKeys,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupKeys);
        var result = new Dictionary<string, AnomalyGroup>(StringComparer.Ordinal);
        foreach (var chunk in groupKeys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = new List<(string, object?)> { ("@c", collectionId) };
            parameters.AddRange(SqlHubStore.InParameters("k", chunk));
            await using var cmd = Cmd($"SELECT body FROM anomaly_groups WHERE collection_id = @c AND group_key IN ({SqlHubStore.InList("k", chunk.Length)})", [.. parameters]);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var group = SqlHubStore.Deserialize(r.GetString(0), CommunityJsonContext.Default.AnomalyGroup);
                result[group.GroupKey] = group;
            }
        }

        return result;
    }

    public async Task SaveAnomalyGroupsAsync(IReadOnlyList<AnomalyGroup> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var chunk in groups.Chunk(200))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"(@c{i}, @k{i}, @s{i}, @n{i}, @ls{i}, @b{i})"));
            var parameters = new List<(string, object?)>();
            for (var i = 0; i < chunk.Length; i++)
            {
                var g = chunk[i];
                parameters.AddRange([($"@c{i}", g.CollectionId), ($"@k{i}", g.GroupKey), ($"@s{i}", g.Signature), ($"@n{i}", g.VehicleCount), ($"@ls{i}", g.LastSeenUs),
                    ($"@b{i}", SqlHubStore.Serialize(g, CommunityJsonContext.Default.AnomalyGroup))]);
            }

            await ExecAsync(
                $"INSERT INTO anomaly_groups (collection_id, group_key, signature, vehicle_count, last_seen_us, body) VALUES {values} " +
                "ON CONFLICT (collection_id, group_key) DO UPDATE SET vehicle_count = excluded.vehicle_count, last_seen_us = excluded.last_seen_us, body = excluded.body",
                cancellationToken, [.. parameters]).ConfigureAwait(false);
        }
    }
}
