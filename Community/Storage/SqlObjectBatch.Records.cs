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

    public async Task<int> AddAnomalyVehiclesAsync(string collectionId, string groupKey, IReadOnlyCollection<string> vehicles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        var added = 0;
        foreach (var chunk in vehicles.Distinct(StringComparer.Ordinal).Chunk(300))
        {
            // One statement per chunk: ON CONFLICT DO NOTHING counts only the vehicles new to the group.
            var values = string.Join(", ", chunk.Select((_, i) => $"(@c, @k, @v{i})"));
            var parameters = new List<(string, object?)> { ("@c", collectionId), ("@k", groupKey) };
            parameters.AddRange(SqlHubStore.InParameters("v", chunk));
            added += await ExecAsync($"INSERT INTO anomaly_vehicles (collection_id, group_key, vehicle) VALUES {values} ON CONFLICT DO NOTHING",
                cancellationToken, [.. parameters]).ConfigureAwait(false);
        }

        return added;
    }
}
