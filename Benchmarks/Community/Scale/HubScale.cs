using System.Diagnostics;
using System.Globalization;
using CommandLine;
using Community.Admin;
using Community.Authenticity;
using Community.Hosting;
using Community.Storage;

namespace Benchmarks.Community.Scale;

/// <summary>
/// The hub at scale, as a command printing its figures (issue 16):
/// <c>dotnet run -c Release --project Benchmarks -- hub-scale [--preload 1000000] [--envelopes 20] [--rate 100] [--seconds 30]
/// [--backends sqlite,postgres] [--explain]</c> (options: <see cref="ScaleOptions"/>). For each backend, in one run: bulk-load the store to the preload size
/// (once; later runs reuse it), ingest envelopes of 500 fresh anomaly summaries in process (objects/s), then serve the
/// hub over HTTPS with a real V2X PKI and measure, under a steady load of signed single-summary posts from vehicles, the
/// latency from a summary's post to its status <c>complete</c> (p50/p95/p99). With --explain, the plans of the queries
/// TAXII makes. The machine's load average is printed beside every figure.
/// </summary>
internal static class HubScale
{
    public static async Task<int> RunAsync(ScaleOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine($"hub-scale: preload {options.Preload:N0} objects, {options.Envelopes} envelopes of {ScaleIngest.SummariesPerEnvelope} summaries, " +
                          $"{options.Rate} signed summaries/s for {options.Seconds} s; {Environment.ProcessorCount} cores; load {Load()}");
        await using var pki = await ScaleLatency.StartPkiAsync();
        var results = new List<string>();
        foreach (var backend in options.Backends)
        {
            var store = Open(backend, options.Preload);
            await using var trust = new TrustHolder(pki.Trust());
            await using var services = await HubServices.CreateAsync(store, new HubOptions { PasswordIterations = 1000, MaxContentLengthBytes = 64 * 1024 * 1024 },
                TimeProvider.System, new SubmissionVerifier(trust.Trust, TimeProvider.System), cancellationToken);
            await SetUpAsync(services);

            var loaded = await PreloadAsync((SqlHubStore)store, backend, options.Preload);
            if (options.Explain)
            {
                await ScaleExplain.PrintAsync((SqlHubStore)store, backend);
            }

            var ingest = await ScaleIngest.RunAsync(services, options.Envelopes);
            var latency = await ScaleLatency.RunAsync(services, pki, options.Rate, options.Seconds);
            results.Add($"| {backend} | {loaded} | {ingest} | {latency} |");
        }

        Console.WriteLine();
        Console.WriteLine("| backend | store before | ingest in process (500 summaries per envelope) | signed posts over HTTPS at the target rate: summary → status complete |");
        Console.WriteLine("|---|---|---|---|");
        results.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), the machine's other work.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static IHubStore Open(string backend, long preload) => backend switch
    {
        "sqlite" => new SqliteHubStore("Data Source=" + Path.Combine(Path.GetTempPath(), $"community-scale-{preload}.db")),
        "postgres" => new PostgresHubStore(Environment.GetEnvironmentVariable("V2X_PG") ?? throw new UsageException("--backends postgres needs V2X_PG: source .state/env first"),
            $"bench_scale_{preload}"),
        _ => throw new ArgumentException("backends are sqlite and postgres", nameof(backend)),
    };

    private static async Task SetUpAsync(HubServices services)
    {
        var m = services.Membership;
        if (await services.Core.Store.GetCollectionAsync(ScaleRows.Collection, CancellationToken.None) is not null)
        {
            return;
        }

        await m.UpsertOrganisationAsync(new OrganisationRequest("scale-oem", "Scale OEM", ["automaker", "coordination-team"], ["Acme"], ["Roadster"]), CancellationToken.None);
        await m.UpsertOrganisationAsync(new OrganisationRequest("fleet", "Fleet", ["automaker"], ["Acme"], ["Roadster"]), CancellationToken.None);
        await m.UpsertCollectionAsync(new CollectionRequest("Scale fleet", ScaleRows.Collection, DefaultTlp: "green", SummarySignatures: "require", VehicleProducer: "fleet"),
            CancellationToken.None);
        foreach (var org in (string[])["scale-oem", "fleet"])
        {
            await m.RequestJoinAsync(org, ScaleRows.Collection, true, true, CancellationToken.None);
            await m.ApproveAsync(ScaleRows.Collection, org, null, "bench", CancellationToken.None);
        }
    }

    // Bulk-loads the store to the preload size with generated rows (binary COPY on PostgreSQL, one prepared INSERT on SQLite).
    private static async Task<string> PreloadAsync(SqlHubStore store, string backend, long preload)
    {
        var count = await store.CountObjectsAsync(CancellationToken.None);
        if (count < preload)
        {
            Console.WriteLine($"{backend}: bulk-loading {preload - count:N0} objects (load {Load()})");
            var watch = Stopwatch.StartNew();
            await store.BulkImportAsync(ScaleRows.Generate(count, preload), CancellationToken.None);
            watch.Stop();
            Console.WriteLine($"{backend}: bulk load {(preload - count) / watch.Elapsed.TotalSeconds:N0} objects/s ({watch.Elapsed.TotalSeconds:N0} s; load {Load()})");
            await using var connection = await store.OpenAsync(CancellationToken.None);
            await using var analyze = SqlHubStore.Command(connection, null, "ANALYZE");
            await analyze.ExecuteNonQueryAsync();
        }

        return (await store.CountObjectsAsync(CancellationToken.None)).ToString("N0", CultureInfo.InvariantCulture);
    }

    // Disposes the trust's HTTP client with it.
    private sealed class TrustHolder((V2xTrust Trust, HttpClient Http) held) : IAsyncDisposable
    {
        public V2xTrust Trust { get; } = held.Trust;

        public ValueTask DisposeAsync()
        {
            Trust.Dispose();
            held.Http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
