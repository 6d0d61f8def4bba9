using Community.Storage;

namespace Benchmarks.Community.Scale;

/// <summary>
/// The plans of the queries TAXII makes against the large store (EXPLAIN on PostgreSQL with actual times, EXPLAIN QUERY
/// PLAN on SQLite), the evidence that each uses an index (Docs/community.md, "Ingest at scale").
/// </summary>
internal static class ScaleExplain
{
    private static readonly (string Name, string Sql)[] Queries =
    [
        ("objects page (added_after, match[version]=last)",
            $"SELECT {SqlHubStore.ObjectColumns} FROM objects WHERE collection_id = '{ScaleRows.Collection}' AND date_added_us > 1740816000000000 AND (is_last = 1) ORDER BY date_added_us LIMIT 257"),
        ("objects page, match[type]=observed-data",
            $"SELECT {SqlHubStore.ObjectColumns} FROM objects WHERE collection_id = '{ScaleRows.Collection}' AND date_added_us > 0 AND stix_type IN ('observed-data') AND (is_last = 1) ORDER BY date_added_us LIMIT 257"),
        ("one object (match[id])",
            $"SELECT {SqlHubStore.ObjectColumns} FROM objects WHERE collection_id = '{ScaleRows.Collection}' AND (date_added_us + 0) > -1 AND stix_id IN ('indicator--00000300-5555-4555-8555-000000000300') AND (is_last = 1) ORDER BY (date_added_us + 0) LIMIT 257"),
        ("heads of an envelope's ids (ingest)",
            $"SELECT stix_id, version_us, producer, created FROM objects WHERE collection_id = '{ScaleRows.Collection}' AND stix_id IN ('indicator--00000300-5555-4555-8555-000000000300', 'file--0f0e0d0c-0b0a-5908-8706-050403020100') ORDER BY stix_id, version_us"),
        ("next date_added (ingest)", "SELECT COALESCE(MAX(date_added_us), 0) FROM objects"),
        ("retention: versions past expiry", "SELECT date_added_us FROM objects WHERE expires_us IS NOT NULL AND expires_us <= 1740816000000000 ORDER BY expires_us, date_added_us LIMIT 500"),
    ];

    public static async Task PrintAsync(SqlHubStore store, string backend)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        foreach (var (name, sql) in Queries)
        {
            Console.WriteLine($"-- {backend}: {name}");
            var explain = backend == "postgres" ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON, SUMMARY ON) " + sql : "EXPLAIN QUERY PLAN " + sql;
            await using var cmd = SqlHubStore.Command(connection, null, explain);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                Console.WriteLine("   " + r.GetValue(r.FieldCount - 1));
            }
        }
    }
}
