using System.Data.Common;
using System.Globalization;

namespace Community.Storage;

/// <summary>One write transaction of <see cref="SqlHubStore"/>.</summary>
internal sealed class SqlObjectBatch : IObjectBatch
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private long? _lastDateAddedUs;
    private bool _committed;

    public SqlObjectBatch(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public async Task<ObjectHead?> GetHeadAsync(string collectionId, string stixId, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd("SELECT version_us, producer, created FROM objects WHERE collection_id = @c AND stix_id = @i ORDER BY version_us",
            ("@c", collectionId), ("@i", stixId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string? producer = null;
        string? created = null;
        long first = 0, last = 0;
        var count = 0;
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (count == 0)
            {
                first = r.GetInt64(0);
                producer = r.GetString(1);
            }

            last = r.GetInt64(0);
            created = r.IsDBNull(2) ? null : r.GetString(2);
            count++;
        }

        return count == 0 ? null : new ObjectHead(producer!, first, last, created, count);
    }

    public async Task<bool> ExistsAsync(string collectionId, string stixId, long versionUs, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd("SELECT COUNT(*) FROM objects WHERE collection_id = @c AND stix_id = @i AND version_us = @v",
            ("@c", collectionId), ("@i", stixId), ("@v", versionUs));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public async Task<string?> GetLatestBodyAsync(string collectionId, string stixId, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd("SELECT body FROM objects WHERE collection_id = @c AND stix_id = @i AND is_last = 1", ("@c", collectionId), ("@i", stixId));
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<long> InsertAsync(StoredObject obj, ObjectHead? head, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        head ??= await GetHeadAsync(obj.CollectionId, obj.StixId, cancellationToken).ConfigureAwait(false);
        bool isFirst, isLast;
        if (head is null)
        {
            (isFirst, isLast) = (true, true);
        }
        else if (obj.VersionUs > head.LastVersionUs)
        {
            await ExecAsync("UPDATE objects SET is_last = 0 WHERE collection_id = @c AND stix_id = @i AND is_last = 1", cancellationToken,
                ("@c", obj.CollectionId), ("@i", obj.StixId)).ConfigureAwait(false);
            (isFirst, isLast) = (false, true);
        }
        else if (obj.VersionUs < head.FirstVersionUs)
        {
            await ExecAsync("UPDATE objects SET is_first = 0 WHERE collection_id = @c AND stix_id = @i AND is_first = 1", cancellationToken,
                ("@c", obj.CollectionId), ("@i", obj.StixId)).ConfigureAwait(false);
            (isFirst, isLast) = (true, false);
        }
        else
        {
            (isFirst, isLast) = (false, false);
        }

        return await InsertRowAsync(obj, isFirst, isLast, nowUs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReplaceAsync(StoredObject obj, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        await ExecAsync("DELETE FROM objects WHERE collection_id = @c AND stix_id = @i", cancellationToken, ("@c", obj.CollectionId), ("@i", obj.StixId))
            .ConfigureAwait(false);
        return await InsertRowAsync(obj, true, true, nowUs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> DeleteVersionsAsync(string collectionId, string stixId, IReadOnlyCollection<long>? versionsUs, CancellationToken cancellationToken)
    {
        var head = await GetHeadAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return [];
        }

        var parameters = new List<(string, object?)> { ("@c", collectionId), ("@i", stixId) };
        var filter = string.Empty;
        if (versionsUs is not null)
        {
            if (versionsUs.Count == 0)
            {
                return [];
            }

            filter = $" AND version_us IN ({SqlHubStore.InList("v", versionsUs.Count)})";
            parameters.AddRange(SqlHubStore.InParameters("v", versionsUs));
        }

        var deleted = new List<long>();
        await using (var select = Cmd("SELECT version_us FROM objects WHERE collection_id = @c AND stix_id = @i" + filter, [.. parameters]))
        await using (var r = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(r.GetInt64(0));
            }
        }

        await ExecAsync("DELETE FROM objects WHERE collection_id = @c AND stix_id = @i" + filter, cancellationToken, [.. parameters]).ConfigureAwait(false);
        await FixFlagsAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public Task ExpireNoLaterThanAsync(string collectionId, string stixId, long expiresUs, CancellationToken cancellationToken) =>
        ExecAsync("UPDATE objects SET expires_us = @e WHERE collection_id = @c AND stix_id = @i AND (expires_us IS NULL OR expires_us > @e)",
            cancellationToken, ("@e", expiresUs), ("@c", collectionId), ("@i", stixId));

    public async Task<IReadOnlyList<StoredObject>> FindExpiredAsync(long nowUs, int limit, CancellationToken cancellationToken)
    {
        await using var cmd = Cmd($"SELECT {SqlHubStore.ObjectColumns} FROM objects WHERE expires_us IS NOT NULL AND expires_us <= @now ORDER BY expires_us, date_added_us LIMIT @limit",
            ("@now", nowUs), ("@limit", (long)limit));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredObject>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(SqlHubStore.ReadObject(r));
        }

        return result;
    }

    public Task SaveStatusAsync(StatusRecord status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return ExecAsync("INSERT INTO statuses (id, organisation_id, created_us, expires_us, body) VALUES (@id, @o, @cr, @ex, @b)", cancellationToken,
            ("@id", status.Id), ("@o", status.OrganisationId), ("@cr", status.CreatedUs), ("@ex", status.ExpiresUs), ("@b", status.Json));
    }

    public Task<int> PurgeStatusesAsync(long nowUs, CancellationToken cancellationToken) =>
        ExecAsync("DELETE FROM statuses WHERE expires_us <= @now", cancellationToken, ("@now", nowUs));

    public Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        InsertAuditAsync(_connection, _transaction, entries, cancellationToken);

    internal static async Task InsertAuditAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            await using var cmd = SqlHubStore.Command(connection, transaction,
                "INSERT INTO audit (at_us, action, actor, collection_id, subject, version_us, reason) VALUES (@at, @a, @actor, @c, @s, @v, @r)",
                ("@at", e.AtUs), ("@a", e.Action), ("@actor", e.Actor), ("@c", e.CollectionId), ("@s", e.Subject), ("@v", e.VersionUs), ("@r", e.Reason));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

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

    public async Task<bool> AddAnomalyVehicleAsync(string collectionId, string groupKey, string vehicle, CancellationToken cancellationToken) =>
        await ExecAsync("INSERT INTO anomaly_vehicles (collection_id, group_key, vehicle) VALUES (@c, @k, @v) ON CONFLICT DO NOTHING", cancellationToken,
            ("@c", collectionId), ("@k", groupKey), ("@v", vehicle)).ConfigureAwait(false) > 0;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The connection already rolled the transaction back (broken connection).
            }
            catch (DbException)
            {
                // Same, reported by the provider.
            }
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<long> InsertRowAsync(StoredObject obj, bool isFirst, bool isLast, long nowUs, CancellationToken cancellationToken)
    {
        if (_lastDateAddedUs is null)
        {
            await using var max = Cmd("SELECT COALESCE(MAX(date_added_us), 0) FROM objects");
            _lastDateAddedUs = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        // TAXII 2.1 §3.4: date_added orders pagination; strictly increasing so no two rows share one.
        var dateAdded = Math.Max(nowUs, _lastDateAddedUs.Value + 1);
        await ExecAsync(
            $"INSERT INTO objects ({SqlHubStore.ObjectColumns}) VALUES (@da, @c, @i, @t, @v, @sv, @f, @l, @p, @tlp, @rc, @tt, @mk, @md, @sp, @cp, @cf, @co, @pr, @ex, @rv, @cr, @b)",
            cancellationToken,
            ("@da", dateAdded), ("@c", obj.CollectionId), ("@i", obj.StixId), ("@t", obj.StixType), ("@v", obj.VersionUs), ("@sv", obj.SpecVersion),
            ("@f", isFirst), ("@l", isLast), ("@p", obj.Producer), ("@tlp", (long)obj.Tlp), ("@rc", SqlHubStore.ToJsonList(obj.Recipients)),
            ("@tt", SqlHubStore.ToJsonList(obj.ThreatTypes)), ("@mk", SqlHubStore.ToJsonList(obj.Makes)), ("@md", SqlHubStore.ToJsonList(obj.Models)),
            ("@sp", SqlHubStore.ToJsonList(obj.Suppliers)), ("@cp", obj.Completeness), ("@cf", obj.Confidence is { } c ? (long)c : null),
            ("@co", obj.Corroboration), ("@pr", obj.ProducedUs), ("@ex", obj.ExpiresUs), ("@rv", obj.Revoked), ("@cr", obj.Created), ("@b", obj.Body))
            .ConfigureAwait(false);
        _lastDateAddedUs = dateAdded;
        return dateAdded;
    }

    private async Task FixFlagsAsync(string collectionId, string stixId, CancellationToken cancellationToken)
    {
        var head = await GetHeadAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return;
        }

        await ExecAsync(
            "UPDATE objects SET is_first = CASE WHEN version_us = @f THEN 1 ELSE 0 END, is_last = CASE WHEN version_us = @l THEN 1 ELSE 0 END " +
            "WHERE collection_id = @c AND stix_id = @i",
            cancellationToken, ("@f", head.FirstVersionUs), ("@l", head.LastVersionUs), ("@c", collectionId), ("@i", stixId)).ConfigureAwait(false);
    }

    private DbCommand Cmd(string sql, params (string, object?)[] parameters) => SqlHubStore.Command(_connection, _transaction, sql, parameters);

    private async Task<int> ExecAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var cmd = Cmd(sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
