namespace Community.Storage;

/// <summary>Chooses the store from a connection string: PostgreSQL when it names a host, SQLite otherwise.</summary>
public static class HubStoreFactory
{
    /// <summary>
    /// A store for <paramref name="connectionString"/>: <c>Host=…</c> / <c>Server=…</c> is PostgreSQL,
    /// anything else (<c>Data Source=hub.db</c>, or a bare file path) is SQLite.
    /// </summary>
    public static IHubStore Create(string connectionString, string? postgresSchema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var lower = connectionString.ToLowerInvariant();
        if (lower.Contains("host=", StringComparison.Ordinal) || lower.Contains("server=", StringComparison.Ordinal))
        {
            return new PostgresHubStore(connectionString, postgresSchema);
        }

        return new SqliteHubStore(connectionString.Contains('=', StringComparison.Ordinal) ? connectionString : "Data Source=" + connectionString);
    }
}
