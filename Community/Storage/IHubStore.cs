using Community.Membership;

namespace Community.Storage;

/// <summary>
/// Everything the hub keeps: members, credentials, collections and subscriptions, objects with
/// their versions, status resources, merged-anomaly state, false-alarm rules, settings and the
/// audit log. Two implementations run the same test suite: SQLite (default) and PostgreSQL.
/// Writes of objects go through one <see cref="IObjectBatch"/> transaction at a time; the hub
/// serialises them (one hub process per database).
/// </summary>
public interface IHubStore : IAsyncDisposable
{
    /// <summary>Creates the schema if it does not exist.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces an organisation.</summary>
    Task UpsertOrganisationAsync(Organisation organisation, CancellationToken cancellationToken);

    /// <summary>One organisation, or null.</summary>
    Task<Organisation?> GetOrganisationAsync(string id, CancellationToken cancellationToken);

    /// <summary>All organisations, by id.</summary>
    Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces credentials.</summary>
    Task SetCredentialAsync(Credential credential, CancellationToken cancellationToken);

    /// <summary>Credentials by user name, or null.</summary>
    Task<Credential?> GetCredentialAsync(string username, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a collection.</summary>
    Task UpsertCollectionAsync(HubCollection collection, CancellationToken cancellationToken);

    /// <summary>One collection, or null.</summary>
    Task<HubCollection?> GetCollectionAsync(string id, CancellationToken cancellationToken);

    /// <summary>All collections, by title.</summary>
    Task<IReadOnlyList<HubCollection>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces a subscription.</summary>
    Task UpsertMembershipAsync(CollectionMembership membership, CancellationToken cancellationToken);

    /// <summary>One subscription, or null.</summary>
    Task<CollectionMembership?> GetMembershipAsync(string collectionId, string organisationId, CancellationToken cancellationToken);

    /// <summary>Subscriptions, optionally of one collection and/or one organisation.</summary>
    Task<IReadOnlyList<CollectionMembership>> ListMembershipsAsync(string? collectionId, string? organisationId, CancellationToken cancellationToken);

    /// <summary>Removes a subscription (an organisation leaving, X.1382 §8.4).</summary>
    Task DeleteMembershipAsync(string collectionId, string organisationId, CancellationToken cancellationToken);

    /// <summary>Objects in date_added order.</summary>
    Task<IReadOnlyList<StoredObject>> QueryObjectsAsync(ObjectQuery query, CancellationToken cancellationToken);

    /// <summary>Versions of all ids, latest first, across collections in date_added order after <paramref name="afterDateAddedUs"/> (dashboard).</summary>
    Task<IReadOnlyList<StoredObject>> ScanLatestAsync(IReadOnlyCollection<string> collectionIds, long afterDateAddedUs, int limit, CancellationToken cancellationToken);

    /// <summary>Number of object versions stored (all collections).</summary>
    Task<long> CountObjectsAsync(CancellationToken cancellationToken);

    /// <summary>A stored status resource, or null.</summary>
    Task<StatusRecord?> GetStatusAsync(string id, CancellationToken cancellationToken);

    /// <summary>The audit log after sequence <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Appends audit entries outside an object batch (membership actions).</summary>
    Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>The merged anomalies with most vehicles.</summary>
    Task<IReadOnlyList<AnomalyGroup>> TopAnomalyGroupsAsync(IReadOnlyCollection<string> collectionIds, int limit, CancellationToken cancellationToken);

    /// <summary>All merge groups of one signature in one collection.</summary>
    Task<IReadOnlyList<AnomalyGroup>> AnomalyGroupsBySignatureAsync(string collectionId, string signature, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a false-alarm rule.</summary>
    Task UpsertRuleAsync(FalseAlarmRule rule, CancellationToken cancellationToken);

    /// <summary>All false-alarm rules.</summary>
    Task<IReadOnlyList<FalseAlarmRule>> ListRulesAsync(CancellationToken cancellationToken);

    /// <summary>Removes a rule; false if it did not exist.</summary>
    Task<bool> DeleteRuleAsync(string id, CancellationToken cancellationToken);

    /// <summary>A setting, or null.</summary>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken);

    /// <summary>Sets a setting.</summary>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Starts the one write transaction for objects, statuses, merges and audit entries.</summary>
    Task<IObjectBatch> BeginBatchAsync(CancellationToken cancellationToken);
}
