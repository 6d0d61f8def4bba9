namespace Community.Storage;

/// <summary>
/// One write transaction over objects and what goes with them. Nothing is visible to readers until
/// <see cref="CommitAsync"/>; disposing without committing rolls everything back, so a failure in
/// the middle of an envelope loses no stored data and leaves no half-written state.
/// </summary>
public interface IObjectBatch : IAsyncDisposable
{
    /// <summary>Looks up what is stored about many ids at once (an envelope's), so that later lookups need no query.</summary>
    Task PrefetchHeadsAsync(string collectionId, IReadOnlyCollection<string> stixIds, CancellationToken cancellationToken);

    /// <summary>What is stored about <paramref name="stixId"/> in the collection (this batch's writes included), or null.</summary>
    Task<ObjectHead?> GetHeadAsync(string collectionId, string stixId, CancellationToken cancellationToken);

    /// <summary>True when that exact version is stored.</summary>
    Task<bool> ExistsAsync(string collectionId, string stixId, long versionUs, CancellationToken cancellationToken);

    /// <summary>The newest stored version's JSON, or null.</summary>
    Task<string?> GetLatestBodyAsync(string collectionId, string stixId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a version, assigning date_added (≥ <paramref name="nowUs"/>, above every earlier one); returns it.
    /// <paramref name="head"/> is what <see cref="GetHeadAsync"/> said about the id in this batch, or null to look it up.
    /// </summary>
    Task<long> InsertAsync(StoredObject obj, ObjectHead? head, long nowUs, CancellationToken cancellationToken);

    /// <summary>Replaces every stored version of the id by <paramref name="obj"/> (the hub's own merged objects).</summary>
    Task<long> ReplaceAsync(StoredObject obj, long nowUs, CancellationToken cancellationToken);

    /// <summary>Replaces every stored version of each id by its object, all in a few statements (one per 500 ids, then the inserts).</summary>
    Task ReplaceManyAsync(IReadOnlyList<StoredObject> objects, long nowUs, CancellationToken cancellationToken);

    /// <summary>Deletes versions (all when <paramref name="versionsUs"/> is null); returns how many.</summary>
    Task<IReadOnlyList<long>> DeleteVersionsAsync(string collectionId, string stixId, IReadOnlyCollection<long>? versionsUs, CancellationToken cancellationToken);

    /// <summary>Brings every version's expiry forward to at most <paramref name="expiresUs"/>.</summary>
    Task ExpireNoLaterThanAsync(string collectionId, string stixId, long expiresUs, CancellationToken cancellationToken);

    /// <summary>Versions whose expiry has passed, oldest first.</summary>
    Task<IReadOnlyList<StoredObject>> FindExpiredAsync(long nowUs, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a status resource.</summary>
    Task SaveStatusAsync(StatusRecord status, CancellationToken cancellationToken);

    /// <summary>Deletes status resources that expired before <paramref name="nowUs"/>; returns how many.</summary>
    Task<int> PurgeStatusesAsync(long nowUs, CancellationToken cancellationToken);

    /// <summary>Appends audit entries.</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>A merge group, or null.</summary>
    Task<AnomalyGroup?> GetAnomalyGroupAsync(string collectionId, string groupKey, CancellationToken cancellationToken);

    /// <summary>The merge groups of these keys that exist, by key (one query per 500 keys).</summary>
    Task<IReadOnlyDictionary<string, AnomalyGroup>> GetAnomalyGroupsAsync(string collectionId, IReadOnlyCollection<string> groupKeys, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a merge group.</summary>
    Task SaveAnomalyGroupAsync(AnomalyGroup group, CancellationToken cancellationToken);

    /// <summary>Adds or replaces merge groups (one statement per 200).</summary>
    Task SaveAnomalyGroupsAsync(IReadOnlyList<AnomalyGroup> groups, CancellationToken cancellationToken);

    /// <summary>Deletes a merge group and its vehicles.</summary>
    Task DeleteAnomalyGroupAsync(string collectionId, string groupKey, CancellationToken cancellationToken);

    /// <summary>Merge groups of a collection whose last observation is older than <paramref name="lastSeenBeforeUs"/>.</summary>
    Task<IReadOnlyList<AnomalyGroup>> FindStaleAnomalyGroupsAsync(string collectionId, long lastSeenBeforeUs, int limit, CancellationToken cancellationToken);

    /// <summary>Records which vehicles reported which groups; returns, by group key, how many vehicles are new to it.</summary>
    Task<IReadOnlyDictionary<string, int>> AddAnomalyVehiclesAsync(string collectionId, IReadOnlyCollection<(string GroupKey, string Vehicle)> reports, CancellationToken cancellationToken);

    /// <summary>Makes the batch's writes durable and visible.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
