using Community.Storage;
using Testing;

namespace Community.Tests.Infrastructure;

/// <summary>A schema of its own in the loopback PostgreSQL cluster (V2X_PG), dropped afterwards.</summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    public PostgresStoreProvider()
    {
        Schema = "hubtest_" + Guid.NewGuid().ToString("N")[..20];
    }

    public string Name => "PostgreSQL";

    public string Schema { get; }

    public IHubStore Create() => new PostgresHubStore(TestInfra.PostgresConnectionString, Schema);

    public async ValueTask DisposeAsync()
    {
        await using var store = new PostgresHubStore(TestInfra.PostgresConnectionString, Schema);
        await store.DropSchemaAsync(CancellationToken.None);
    }
}
