using Community.Storage;
using Testing;

namespace Community.Tests.Infrastructure;

/// <summary>A SQLite file in a temporary directory of its own.</summary>
public sealed class SqliteStoreProvider : IStoreProvider
{
    private readonly string _directory = TestInfra.NewTempDirectory("hub-sqlite");

    public string Name => "SQLite";

    public string ConnectionString => $"Data Source={Path.Combine(_directory, "hub.db")}";

    public IHubStore Create() => new SqliteHubStore(ConnectionString);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection of another test; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
