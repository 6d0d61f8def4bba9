using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Hosting;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks.Community;

/// <summary>
/// A hub on Kestrel (127.0.0.1, port 0) over a store seeded once with at least 100,000 objects
/// (indicators, anomaly summaries with their observables, merged indicators and sightings). The
/// seed lives in a SQLite file under the temp folder or in the PostgreSQL schema
/// <c>bench_community</c> (V2X_PG) and is reused by every benchmark process, so each case measures
/// against the same store instead of seeding it again.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    public const int SeedObjects = 100_000;
    public const string PostgresSchema = "bench_community";
    public static readonly string SqlitePath = Path.Combine(Path.GetTempPath(), "community-bench-100k.db");

    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private BenchHub(HubServices services, WebApplication app, HttpClient client, string collectionId, IReadOnlyList<string> sampleIds, IReadOnlyList<string> cursors)
    {
        Services = services;
        App = app;
        Client = client;
        CollectionId = collectionId;
        SampleIds = sampleIds;
        Cursors = cursors;
    }

    public HubServices Services { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string CollectionId { get; }

    public IReadOnlyList<string> SampleIds { get; }

    public IReadOnlyList<string> Cursors { get; }

    public string ObjectsUrl => $"/hub/collections/{CollectionId}/objects/";

    public static async Task<BenchHub> StartAsync(string backend)
    {
        var store = backend switch
        {
            "SQLite" => (IHubStore)new SqliteHubStore("Data Source=" + SqlitePath),
            "PostgreSQL" => new PostgresHubStore(Environment.GetEnvironmentVariable("V2X_PG")
                ?? throw new InvalidOperationException("V2X_PG is not set: source .state/env first"), PostgresSchema),
            _ => throw new ArgumentException("SQLite or PostgreSQL", nameof(backend)),
        };
        var services = await HubServices.CreateAsync(store, new HubOptions { PasswordIterations = 1000, MaxContentLengthBytes = 64 * 1024 * 1024, MaxPageSize = 1000 },
            TimeProvider.System, CancellationToken.None);
        var collectionId = await SeedAsync(services);
        var app = HubApplication.Build(services, ["http://127.0.0.1:0"], runRetention: false);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/taxii+json;version=2.1");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench-oem:bench-oem-passphrase")));

        var all = await store.QueryObjectsAsync(new ObjectQuery { CollectionId = collectionId, Types = ["indicator"], Limit = SeedObjects }, CancellationToken.None);
        var random = new Random(7);
        var sampleIds = Enumerable.Range(0, 256).Select(_ => all[random.Next(all.Count)].StixId).ToList();
        var cursors = Enumerable.Range(0, 256)
            .Select(_ => StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(all[random.Next(all.Count)].DateAddedUs))).ToList();
        return new BenchHub(services, app, client, collectionId, sampleIds, cursors);
    }

    /// <summary>A fresh envelope of <paramref name="summaries"/> anomaly summaries (never posted before).</summary>
    public static List<JsonObject> Summaries(int first, int summaries)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var n = first; n < first + summaries; n++)
        {
            foreach (var o in Summary(n).ToStixObjects())
            {
                result.TryAdd((string)o["id"]!, o);
            }
        }

        return [.. result.Values];
    }

    public static StringContent Envelope(IEnumerable<JsonObject> objects)
    {
        var content = new StringContent(new JsonObject { ["objects"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()) }.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Services.DisposeAsync();
    }

    private static AnomalySummary Summary(int n) => new()
    {
        SummaryId = Guid.Parse($"{n:x8}-2222-4222-8222-{n:x12}"),
        VehiclePseudonym = $"pz-bench-{n:x8}",
        Make = "Acme",
        Model = n % 2 == 0 ? "Roadster" : "Van",
        FirmwareVersion = "2.4.1",
        Ecu = "tbox",
        Detector = "detector-" + (n % 13),
        AnomalyClass = "hash-mismatch",
        ThreatType = X1371ThreatTypes.All[n % 7],
        Created = T0,
        FirstObserved = T0,
        LastObserved = T0.AddSeconds(n % 3600),
        Observables = [Observables.File($"image-{n % 97}.bin", (n % 97 * 7919 + 1).ToString("x64", System.Globalization.CultureInfo.InvariantCulture))],
    };

    private static async Task<string> SeedAsync(HubServices services)
    {
        var m = services.Membership;
        var collectionId = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
        if (await services.Core.Store.GetCollectionAsync(collectionId, CancellationToken.None) is null)
        {
            await m.UpsertOrganisationAsync(new OrganisationRequest("bench-oem", "Bench OEM", ["automaker", "coordination-team"], ["Acme"], ["Roadster"]), CancellationToken.None);
            await m.SetCredentialAsync("bench-oem", new CredentialRequest("bench-oem", "bench-oem-passphrase"), CancellationToken.None);
            await m.UpsertCollectionAsync(new CollectionRequest("Bench fleet", collectionId, DefaultTlp: "green"), CancellationToken.None);
            await m.RequestJoinAsync("bench-oem", collectionId, true, true, CancellationToken.None);
            await m.ApproveAsync(collectionId, "bench-oem", null, "bench", CancellationToken.None);
        }

        var oem = (await services.Core.Store.GetOrganisationAsync("bench-oem", CancellationToken.None))!;
        var collection = (await services.Core.Store.GetCollectionAsync(collectionId, CancellationToken.None))!;
        var n = (int)await services.Core.Store.CountObjectsAsync(CancellationToken.None);
        while (await services.Core.Store.CountObjectsAsync(CancellationToken.None) < SeedObjects)
        {
            // Three indicators for every anomaly summary.
            var envelope = Enumerable.Range(n, 1500).Select(Indicator).Concat(Summaries(1_000_000 + n, 500)).ToList();
            await services.Ingest.ProcessAsync(oem, collection, envelope, CancellationToken.None);
            n += 2000;
        }

        return collectionId;
    }

    private static JsonObject Indicator(int n)
    {
        var created = StixTimestamp.Format(T0.AddSeconds(-n));
        return new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = $"indicator--{n:x8}-3333-4333-8333-{n:x12}",
            ["created"] = created,
            ["modified"] = created,
            ["name"] = "Bench indicator " + n,
            ["pattern"] = $"[file:hashes.'SHA-256' = '{n:x64}']",
            ["pattern_type"] = "stix",
            ["valid_from"] = created,
            ["labels"] = new JsonArray(X1371ThreatTypes.Label(X1371ThreatTypes.All[n % 7])),
            ["object_marking_refs"] = new JsonArray(Tlp.MarkingId((TlpLevel)(n % 2))),
        };
    }
}
