using System.Data.Common;
using System.Globalization;

namespace Community.Storage;

/// <summary>
/// One write transaction of <see cref="SqlHubStore"/>. Object rows are not written one statement at a time: what
/// the batch knows of each id (versions, producer, created) is kept in memory — looked up once, or for a whole
/// envelope at once with <see cref="PrefetchHeadsAsync"/> — new rows wait in memory with their date_added and
/// first/last flags, and are written together (PostgreSQL: binary COPY; SQLite: one prepared INSERT) before any
/// statement that could read them and at commit. Flag changes of stored versions go out as one UPDATE per flush.
/// </summary>
internal sealed partial class SqlObjectBatch : IObjectBatch
{
    // Rows held before a flush: bounds memory, and keeps each COPY a few MB.
    private const int FlushRows = 2000;

    private readonly SqlHubStore _store;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<(string Collection, string Id), HeadState?> _heads = [];
    private readonly List<PendingRow> _pending = [];
    private readonly Dictionary<(string Collection, string Id), List<PendingRow>> _pendingById = [];
    private readonly HashSet<(string Collection, string Id)> _clearLast = [];
    private readonly HashSet<(string Collection, string Id)> _clearFirst = [];
    private long? _lastDateAddedUs;
    private bool _committed;

    public SqlObjectBatch(SqlHubStore store, DbConnection connection, DbTransaction transaction)
    {
        _store = store;
        _connection = connection;
        _transaction = transaction;
    }

    public async Task PrefetchHeadsAsync(string collectionId, IReadOnlyCollection<string> stixIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stixIds);
        var unknown = stixIds.Distinct(StringComparer.Ordinal).Where(id => !_heads.ContainsKey((collectionId, id))).ToList();
        foreach (var chunk in unknown.Chunk(500))
        {
            foreach (var id in chunk)
            {
                _heads[(collectionId, id)] = null;
            }

            var parameters = new List<(string, object?)> { ("@c", collectionId) };
            parameters.AddRange(SqlHubStore.InParameters("i", chunk));
            await using var cmd = Cmd($"SELECT stix_id, version_us, producer, created FROM objects WHERE collection_id = @c AND stix_id IN ({SqlHubStore.InList("i", chunk.Length)}) ORDER BY stix_id, version_us",
                [.. parameters]);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Add(collectionId, r.GetString(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3));
            }
        }
    }

    public async Task<ObjectHead?> GetHeadAsync(string collectionId, string stixId, CancellationToken cancellationToken) =>
        (await StateAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false))?.ToHead();

    public async Task<bool> ExistsAsync(string collectionId, string stixId, long versionUs, CancellationToken cancellationToken) =>
        (await StateAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false))?.Versions.Contains(versionUs) == true;

    public async Task<string?> GetLatestBodyAsync(string collectionId, string stixId, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Cmd("SELECT body FROM objects WHERE collection_id = @c AND stix_id = @i AND is_last = 1", ("@c", collectionId), ("@i", stixId));
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<long> InsertAsync(StoredObject obj, ObjectHead? head, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var key = (obj.CollectionId, obj.StixId);
        var state = await StateAsync(obj.CollectionId, obj.StixId, cancellationToken).ConfigureAwait(false);
        bool isFirst, isLast;
        if (state is null)
        {
            (isFirst, isLast) = (true, true);
        }
        else if (obj.VersionUs > state.Versions.Max)
        {
            Demote(key, state, _clearLast, r => r.IsLast = false);
            (isFirst, isLast) = (false, true);
        }
        else if (obj.VersionUs < state.Versions.Min)
        {
            Demote(key, state, _clearFirst, r => r.IsFirst = false);
            (isFirst, isLast) = (true, false);
        }
        else
        {
            (isFirst, isLast) = (false, false);
        }

        var dateAdded = await NextDateAddedAsync(nowUs, cancellationToken).ConfigureAwait(false);
        var pending = new PendingRow(obj, dateAdded, isFirst, isLast);
        _pending.Add(pending);
        if (!_pendingById.TryGetValue(key, out var list))
        {
            _pendingById[key] = list = [];
        }

        list.Add(pending);
        Add(obj.CollectionId, obj.StixId, obj.VersionUs, obj.Producer, obj.Created, stored: false);
        if (_pending.Count >= FlushRows)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return dateAdded;
    }

    public async Task<long> ReplaceAsync(StoredObject obj, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync("DELETE FROM objects WHERE collection_id = @c AND stix_id = @i", cancellationToken, ("@c", obj.CollectionId), ("@i", obj.StixId))
            .ConfigureAwait(false);
        _heads[(obj.CollectionId, obj.StixId)] = null;
        return await InsertAsync(obj, null, nowUs, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReplaceManyAsync(IReadOnlyList<StoredObject> objects, long nowUs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in objects.GroupBy(o => o.CollectionId))
        {
            foreach (var chunk in group.Select(o => o.StixId).Distinct(StringComparer.Ordinal).Chunk(500))
            {
                var parameters = new List<(string, object?)> { ("@c", group.Key) };
                parameters.AddRange(SqlHubStore.InParameters("i", chunk));
                await ExecAsync($"DELETE FROM objects WHERE collection_id = @c AND stix_id IN ({SqlHubStore.InList("i", chunk.Length)})", cancellationToken, [.. parameters])
                    .ConfigureAwait(false);
                foreach (var id in chunk)
                {
                    _heads[(group.Key, id)] = null;
                }
            }
        }

        foreach (var obj in objects)
        {
            await InsertAsync(obj, null, nowUs, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<long>> DeleteVersionsAsync(string collectionId, string stixId, IReadOnlyCollection<long>? versionsUs, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        _heads.Remove((collectionId, stixId));
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

        if (deleted.Count == 0)
        {
            return [];
        }

        await ExecAsync("DELETE FROM objects WHERE collection_id = @c AND stix_id = @i" + filter, cancellationToken, [.. parameters]).ConfigureAwait(false);
        if (await GetHeadAsync(collectionId, stixId, cancellationToken).ConfigureAwait(false) is { } head)
        {
            await ExecAsync(
                "UPDATE objects SET is_first = CASE WHEN version_us = @f THEN 1 ELSE 0 END, is_last = CASE WHEN version_us = @l THEN 1 ELSE 0 END " +
                "WHERE collection_id = @c AND stix_id = @i",
                cancellationToken, ("@f", head.FirstVersionUs), ("@l", head.LastVersionUs), ("@c", collectionId), ("@i", stixId)).ConfigureAwait(false);
        }

        return deleted;
    }

    public async Task ExpireNoLaterThanAsync(string collectionId, string stixId, long expiresUs, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync("UPDATE objects SET expires_us = @e WHERE collection_id = @c AND stix_id = @i AND (expires_us IS NULL OR expires_us > @e)",
            cancellationToken, ("@e", expiresUs), ("@c", collectionId), ("@i", stixId)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredObject>> FindExpiredAsync(long nowUs, int limit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
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

    // Writes what waits: flag changes of stored versions first (they must not touch the new rows), then the rows.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await ClearFlagAsync(_clearLast, "is_last", cancellationToken).ConfigureAwait(false);
        await ClearFlagAsync(_clearFirst, "is_first", cancellationToken).ConfigureAwait(false);
        if (_pending.Count == 0)
        {
            return;
        }

        await _store.WriteRowsAsync(_connection, _transaction, _pending, cancellationToken).ConfigureAwait(false);
        foreach (var (key, rows) in _pendingById)
        {
            if (_heads.GetValueOrDefault(key) is { } state)
            {
                state.StoredCount += rows.Count;
            }
        }

        _pending.Clear();
        _pendingById.Clear();
    }

    private async Task ClearFlagAsync(HashSet<(string Collection, string Id)> keys, string column, CancellationToken cancellationToken)
    {
        foreach (var group in keys.GroupBy(k => k.Collection))
        {
            foreach (var chunk in group.Select(k => k.Id).Chunk(500))
            {
                var parameters = new List<(string, object?)> { ("@c", group.Key) };
                parameters.AddRange(SqlHubStore.InParameters("i", chunk));
                await ExecAsync($"UPDATE objects SET {column} = 0 WHERE collection_id = @c AND {column} = 1 AND stix_id IN ({SqlHubStore.InList("i", chunk.Length)})",
                    cancellationToken, [.. parameters]).ConfigureAwait(false);
            }
        }

        keys.Clear();
    }

    // A version that is no longer first (or last): its pending rows change in memory, stored ones by the next flush.
    private void Demote((string, string) key, HeadState state, HashSet<(string, string)> stored, Action<PendingRow> change)
    {
        foreach (var row in _pendingById.GetValueOrDefault(key) ?? [])
        {
            change(row);
        }

        if (state.StoredCount > 0)
        {
            stored.Add(key);
        }
    }

    private async Task<HeadState?> StateAsync(string collectionId, string stixId, CancellationToken cancellationToken)
    {
        if (!_heads.TryGetValue((collectionId, stixId), out var state))
        {
            await PrefetchHeadsAsync(collectionId, [stixId], cancellationToken).ConfigureAwait(false);
            state = _heads[(collectionId, stixId)];
        }

        return state;
    }

    private void Add(string collectionId, string stixId, long versionUs, string producer, string? created, bool stored = true)
    {
        var key = (collectionId, stixId);
        if (_heads.GetValueOrDefault(key) is not { } state)
        {
            _heads[key] = state = new HeadState { Producer = producer };
        }

        if (versionUs < (state.Versions.Count == 0 ? long.MaxValue : state.Versions.Min))
        {
            state.Producer = producer;
        }

        if (versionUs >= (state.Versions.Count == 0 ? long.MinValue : state.Versions.Max))
        {
            state.Created = created;
        }

        state.Versions.Add(versionUs);
        if (stored)
        {
            state.StoredCount++;
        }
    }

    // TAXII 2.1 §3.4: date_added orders pagination; strictly increasing so no two rows share one.
    private async Task<long> NextDateAddedAsync(long nowUs, CancellationToken cancellationToken)
    {
        if (_lastDateAddedUs is null)
        {
            await using var max = Cmd("SELECT COALESCE(MAX(date_added_us), 0) FROM objects");
            _lastDateAddedUs = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        _lastDateAddedUs = Math.Max(nowUs, _lastDateAddedUs.Value + 1);
        return _lastDateAddedUs.Value;
    }

    private DbCommand Cmd(string sql, params (string, object?)[] parameters) => SqlHubStore.Command(_connection, _transaction, sql, parameters);

    private async Task<int> ExecAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var cmd = Cmd(sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
