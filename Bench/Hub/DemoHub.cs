using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bench.Demo;
using Bench.Tls;
using Community.Admin;
using Community.Authenticity;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PkiProtocol.Client;

namespace Bench.Hub;

/// <summary>
/// The ITU-T X.1382 sharing-community hub (<c>Community/</c>) in the demo's process: Kestrel over HTTPS on 127.0.0.1
/// (a free port, the bench TLS CA's certificate), SQLite in the demo's output folder, and the V2X PKI's root as its
/// trust anchor for ticket signatures (CA certificates and CRLs from the demo's PKI service). It is set up as a fleet
/// needs it (X.1382 §9.3.1.1 membership, §9.3.2 sharing): the collection "Fleet anomalies" (desensitisation: reject)
/// requires every anomaly summary to be signed by a valid authorization ticket, and OBUs post to it without any
/// credential — a summary signed by a pseudonym is attributed to organisation "fleet" (automaker role); there is no
/// shared fleet secret. Organisation "cert" (coordination team) keeps its own credential (random for each run) and its
/// analyst reads the collection.
/// </summary>
public sealed class DemoHub : IAsyncDisposable
{
    /// <summary>The fleet's vehicle make (the organisation's makes and the OBUs' upstream options).</summary>
    public const string Make = "Acme";

    /// <summary>The fleet's vehicle model.</summary>
    public const string Model = "Roadster";

    private const string AnalystUser = "cert-analyst";

    private readonly HubServices _services;
    private readonly WebApplication _app;
    private readonly HttpClient _pkiHttp;
    private readonly V2xTrust _trust;
    private readonly string _analystPassword;
    private readonly HttpClient _analystHttp;
    private readonly TaxiiClient _analyst;

    private DemoHub(string folder, HubServices services, WebApplication app, HttpClient pkiHttp, V2xTrust trust, string collection, string analystPassword, DemoTls tls,
        TimeProvider clock)
    {
        Folder = folder;
        _services = services;
        _app = app;
        _pkiHttp = pkiHttp;
        _trust = trust;
        AnomaliesCollection = collection;
        _analystPassword = analystPassword;
        Tls = tls;
        _analystHttp = new HttpClient(tls.ClientHandler());
        ApiRoot = new Uri(new Uri(app.Urls.Single().Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)), "/hub/");
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

    /// <summary>The demo's TLS CA, which the hub's clients trust.</summary>
    public DemoTls Tls { get; }

    /// <summary>The TAXII 2.1 API root (https://127.0.0.1:PORT/hub/).</summary>
    public Uri ApiRoot { get; }

    /// <summary>The id of the collection "Fleet anomalies".</summary>
    public string AnomaliesCollection { get; }

    /// <summary>Creates the store in <paramref name="folder"/>, sets up the community and starts serving over HTTPS.</summary>
    public static async Task<DemoHub> StartAsync(string folder, TimeProvider clock, DemoPki pki, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(pki);
        Directory.CreateDirectory(folder);
        // The hub's trust anchor for ticket signatures: the V2X PKI's root, CA certificates and CRLs from its service.
        var pkiHttp = pki.Client();
        var trust = new V2xTrust(new PkiClient(pkiHttp, pki.Root, clock), clock);
        var store = new SqliteHubStore($"Data Source={Path.Combine(folder, "hub.db")}");
        HubServices services;
        try
        {
            services = await HubServices.CreateAsync(store, new HubOptions(), clock, new SubmissionVerifier(trust, clock), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            trust.Dispose();
            pkiHttp.Dispose();
            throw;
        }

        WebApplication? app = null;
        try
        {
            var analystPassword = Secret();
            var m = services.Membership;
            // X.1382 §9.3.1.1: members, their roles and their rights on each collection. "fleet" has no credential: its
            // vehicles authenticate by their tickets' signatures.
            await m.UpsertOrganisationAsync(new OrganisationRequest("fleet", "Fleet", ["automaker"], [Make], [Model]), cancellationToken).ConfigureAwait(false);
            await m.UpsertOrganisationAsync(new OrganisationRequest("cert", "Auto-CERT", ["coordination-team"]), cancellationToken).ConfigureAwait(false);
            await m.SetCredentialAsync("cert", new CredentialRequest(AnalystUser, analystPassword), cancellationToken).ConfigureAwait(false);
            var anomalies = (await m.UpsertCollectionAsync(
                new CollectionRequest("Fleet anomalies", Desensitisation: "reject", DefaultTlp: "green", SummarySignatures: "require", VehicleProducer: "fleet"), cancellationToken)
                .ConfigureAwait(false)).Id;
            await JoinAsync(m, "fleet", anomalies, read: true, write: true, cancellationToken).ConfigureAwait(false);
            await JoinAsync(m, "cert", anomalies, read: true, write: false, cancellationToken).ConfigureAwait(false);

            app = HubApplication.Build(services, ["https://127.0.0.1:0"], runRetention: false,
                configureWebHost: w => w.ConfigureLogging(l => l.ClearProviders()), tlsCertificate: pki.Tls.HubCertificate);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DemoHub(folder, services, app, pkiHttp, trust, anomalies, analystPassword, pki.Tls, clock);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await services.DisposeAsync().ConfigureAwait(false);
            trust.Dispose();
            pkiHttp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A TAXII client for one OBU over <paramref name="http"/>: no credentials, every envelope signed by the OBU's secure
    /// partition with its current authorization ticket (<paramref name="signer"/>). No retries of its own: the upstream
    /// forwarder retries with its persisted backoff.
    /// </summary>
    public TaxiiClient ObuClient(HttpClient http, IEnvelopeSigner signer, TimeProvider clock) =>
        new(http, new TaxiiClientOptions { ApiRoot = ApiRoot, Retry = RetryPolicy.None, EnvelopeSigner = signer }, clock);

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
        _trust.Dispose();
        _pkiHttp.Dispose();
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
