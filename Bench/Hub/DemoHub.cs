using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bench.Hub;

/// <summary>
/// The ITU-T X.1382 sharing-community hub (<c>Community/</c>) in the demo's process: Kestrel on 127.0.0.1
/// (a free port), SQLite in the demo's output folder. It is set up as a fleet needs it (X.1382 §9.3.1.1
/// membership, §9.3.2 sharing): organisation "fleet" (automaker role), whose OBUs sign in with one
/// credential and may write the collection "Fleet anomalies" (desensitisation: reject); organisation
/// "cert" (coordination team) whose analyst reads it. The credentials are random for each run.
/// </summary>
public sealed class DemoHub : IAsyncDisposable
{
    /// <summary>The fleet's vehicle make (the organisation's makes and the OBUs' upstream options).</summary>
    public const string Make = "Acme";

    /// <summary>The fleet's vehicle model.</summary>
    public const string Model = "Roadster";

    private const string ObuUser = "fleet-obu";
    private const string AnalystUser = "cert-analyst";

    private readonly HubServices _services;
    private readonly WebApplication _app;
    private readonly string _obuPassword;
    private readonly string _analystPassword;
    private readonly HttpClient _analystHttp = new();
    private readonly TaxiiClient _analyst;

    private DemoHub(string folder, HubServices services, WebApplication app, string collection, string obuPassword, string analystPassword, TimeProvider clock)
    {
        Folder = folder;
        _services = services;
        _app = app;
        AnomaliesCollection = collection;
        _obuPassword = obuPassword;
        _analystPassword = analystPassword;
        ApiRoot = new Uri(new Uri(app.Urls.Single()), "/hub/");
        _analyst = new TaxiiClient(_analystHttp, new TaxiiClientOptions
        {
            ApiRoot = ApiRoot,
            Username = AnalystUser,
            Password = _analystPassword,
            Retry = RetryPolicy.None,
            // The live table reads every second: a hub that does not answer shows as such instead of stalling the run.
            AttemptTimeout = TimeSpan.FromSeconds(5),
        }, clock);
    }

    /// <summary>The hub's folder (hub.db).</summary>
    public string Folder { get; }

    /// <summary>The hub's SQLite database.</summary>
    public string DatabasePath => Path.Combine(Folder, "hub.db");

    /// <summary>The TAXII 2.1 API root (http://127.0.0.1:PORT/hub/).</summary>
    public Uri ApiRoot { get; }

    /// <summary>The id of the collection "Fleet anomalies".</summary>
    public string AnomaliesCollection { get; }

    /// <summary>Creates the store in <paramref name="folder"/>, sets up the community and starts serving.</summary>
    public static async Task<DemoHub> StartAsync(string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(folder);
        var store = new SqliteHubStore($"Data Source={Path.Combine(folder, "hub.db")}");
        HubServices services;
        try
        {
            services = await HubServices.CreateAsync(store, new HubOptions(), clock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        WebApplication? app = null;
        try
        {
            var obuPassword = Secret();
            var analystPassword = Secret();
            var m = services.Membership;
            // X.1382 §9.3.1.1: members, their roles and their rights on each collection.
            await m.UpsertOrganisationAsync(new OrganisationRequest("fleet", "Fleet", ["automaker"], [Make], [Model]), cancellationToken).ConfigureAwait(false);
            await m.SetCredentialAsync("fleet", new CredentialRequest(ObuUser, obuPassword), cancellationToken).ConfigureAwait(false);
            await m.UpsertOrganisationAsync(new OrganisationRequest("cert", "Auto-CERT", ["coordination-team"]), cancellationToken).ConfigureAwait(false);
            await m.SetCredentialAsync("cert", new CredentialRequest(AnalystUser, analystPassword), cancellationToken).ConfigureAwait(false);
            var anomalies = (await m.UpsertCollectionAsync(new CollectionRequest("Fleet anomalies", Desensitisation: "reject", DefaultTlp: "green"), cancellationToken)
                .ConfigureAwait(false)).Id;
            await JoinAsync(m, "fleet", anomalies, read: true, write: true, cancellationToken).ConfigureAwait(false);
            await JoinAsync(m, "cert", anomalies, read: true, write: false, cancellationToken).ConfigureAwait(false);

            app = HubApplication.Build(services, ["http://127.0.0.1:0"], runRetention: false,
                configureWebHost: w => w.ConfigureLogging(l => l.ClearProviders()));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DemoHub(folder, services, app, anomalies, obuPassword, analystPassword, clock);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A TAXII client for one OBU over <paramref name="http"/>, signed in as the fleet. No retries of its own:
    /// the upstream forwarder retries with its persisted backoff.
    /// </summary>
    public TaxiiClient ObuClient(HttpClient http, TimeProvider clock) =>
        new(http, new TaxiiClientOptions { ApiRoot = ApiRoot, Username = ObuUser, Password = _obuPassword, Retry = RetryPolicy.None }, clock);

    /// <summary>What the CERT analyst reads in "Fleet anomalies" now: the latest version of every object.</summary>
    public async Task<IReadOnlyList<JsonObject>> ReadAsync(CancellationToken cancellationToken)
    {
        var objects = new List<JsonObject>();
        await foreach (var page in _analyst.PollAsync(AnomaliesCollection, new TaxiiObjectQuery { Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            objects.AddRange(page.Objects);
        }

        return objects;
    }

    /// <summary>Stops serving and closes the store (the database stays in <see cref="Folder"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
        _analystHttp.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static async Task JoinAsync(MembershipService membership, string organisation, string collection, bool read, bool write, CancellationToken cancellationToken)
    {
        await membership.RequestJoinAsync(organisation, collection, read, write, cancellationToken).ConfigureAwait(false);
        await membership.ApproveAsync(collection, organisation, new RightsRequest(read, write), "bench-demo", cancellationToken).ConfigureAwait(false);
    }

    // A fresh credential for each run: 24 random bytes, base64url.
    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
