using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Community.Storage;

/// <summary>
/// The default store: one SQLite file (Microsoft.Data.Sqlite), write-ahead logging so readers do
/// not wait for the writer, a busy timeout so a second writer waits instead of failing.
/// </summary>
public sealed class SqliteHubStore : SqlHubStore
{
    private readonly string _connectionString;

    /// <summary>A store over <paramref name="connectionString"/> (e.g. <c>Data Source=hub.db</c>).</summary>
    public SqliteHubStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        _connectionString = builder.ToString();
    }

    /// <inheritdoc />
    protected override string AutoIncrementPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var cmd = Command(connection, null, "PRAGMA journal_mode=WAL"))
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<bool> HasColumnAsync(DbConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var cmd = Command(connection, null, "SELECT COUNT(*) FROM pragma_table_info(@t) WHERE name = @c", ("@t", table), ("@c", column));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected internal override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = Command(connection, null, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
