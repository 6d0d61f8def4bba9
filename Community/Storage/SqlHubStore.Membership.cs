using Community.Membership;

namespace Community.Storage;

public abstract partial class SqlHubStore
{
    /// <inheritdoc />
    public Task UpsertOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return ExecuteAsync(
            "INSERT INTO organisations (id, body) VALUES (@id, @body) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
            cancellationToken,
            ("@id", organisation.Id), ("@body", Serialize(organisation, CommunityJsonContext.Default.Organisation)));
    }

    /// <inheritdoc />
    public async Task<Organisation?> GetOrganisationAsync(string id, CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM organisations WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.Organisation)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM organisations ORDER BY id", cancellationToken).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.Organisation)).ToList();

    /// <inheritdoc />
    public Task SetCredentialAsync(Credential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return ExecuteAsync(
            "INSERT INTO credentials (username, organisation_id, password_hash) VALUES (@u, @o, @h) " +
            "ON CONFLICT (username) DO UPDATE SET organisation_id = excluded.organisation_id, password_hash = excluded.password_hash",
            cancellationToken,
            ("@u", credential.Username), ("@o", credential.OrganisationId), ("@h", credential.PasswordHash));
    }

    /// <inheritdoc />
    public async Task<Credential?> GetCredentialAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, "SELECT username, organisation_id, password_hash FROM credentials WHERE username = @u", ("@u", username));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new Credential(r.GetString(0), r.GetString(1), r.GetString(2)) : null;
    }

    /// <inheritdoc />
    public Task UpsertCollectionAsync(HubCollection collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return ExecuteAsync(
            "INSERT INTO collections (id, title, body) VALUES (@id, @t, @body) ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body",
            cancellationToken,
            ("@id", collection.Id), ("@t", collection.Title), ("@body", Serialize(collection, CommunityJsonContext.Default.HubCollection)));
    }

    /// <inheritdoc />
    public async Task<HubCollection?> GetCollectionAsync(string id, CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM collections WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.HubCollection)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubCollection>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM collections ORDER BY title, id", cancellationToken).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.HubCollection)).ToList();

    /// <inheritdoc />
    public Task UpsertMembershipAsync(CollectionMembership membership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return ExecuteAsync(
            "INSERT INTO memberships (collection_id, organisation_id, body) VALUES (@c, @o, @body) " +
            "ON CONFLICT (collection_id, organisation_id) DO UPDATE SET body = excluded.body",
            cancellationToken,
            ("@c", membership.CollectionId), ("@o", membership.OrganisationId), ("@body", Serialize(membership, CommunityJsonContext.Default.CollectionMembership)));
    }

    /// <inheritdoc />
    public async Task<CollectionMembership?> GetMembershipAsync(string collectionId, string organisationId, CancellationToken cancellationToken) =>
        (await QueryBodiesAsync("SELECT body FROM memberships WHERE collection_id = @c AND organisation_id = @o", cancellationToken,
            ("@c", collectionId), ("@o", organisationId)).ConfigureAwait(false))
        .Select(b => Deserialize(b, CommunityJsonContext.Default.CollectionMembership)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<CollectionMembership>> ListMembershipsAsync(string? collectionId, string? organisationId, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (collectionId is not null)
        {
            where.Add("collection_id = @c");
            parameters.Add(("@c", collectionId));
        }

        if (organisationId is not null)
        {
            where.Add("organisation_id = @o");
            parameters.Add(("@o", organisationId));
        }

        var sql = "SELECT body FROM memberships" + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where)) + " ORDER BY collection_id, organisation_id";
        return (await QueryBodiesAsync(sql, cancellationToken, [.. parameters]).ConfigureAwait(false))
            .Select(b => Deserialize(b, CommunityJsonContext.Default.CollectionMembership)).ToList();
    }

    /// <inheritdoc />
    public Task DeleteMembershipAsync(string collectionId, string organisationId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM memberships WHERE collection_id = @c AND organisation_id = @o", cancellationToken, ("@c", collectionId), ("@o", organisationId));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<string>> QueryBodiesAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(connection, null, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<string>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(r.GetString(0));
        }

        return result;
    }
}
