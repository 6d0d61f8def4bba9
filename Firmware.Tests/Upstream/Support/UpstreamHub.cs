using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Stix;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Testing;

namespace Firmware.Tests.Upstream.Support;

/// <summary>
/// The sharing-community hub (Community/) on Kestrel at 127.0.0.1, over SQLite or PostgreSQL, set up
/// as a fleet needs it: organisation "fleet" (automaker) whose OBUs write anomaly summaries to
/// "Fleet anomalies" (desensitisation: reject) and read "Fleet indicators", where organisation "cert"
/// (coordination team) publishes curated indicators. It can be stopped and started again on the same
/// port (a hub outage), and can hold the answer to a POST (the SIGKILL test).
/// </summary>
public sealed class UpstreamHub : IAsyncDisposable
{
    public const string ObuUser = "fleet-obu";
    public const string ObuPassword = "fleet-obu-passphrase";
    public const string CertUser = "cert-analyst";
    public const string CertPassword = "cert-analyst-passphrase";

    private readonly HubBackend _backend;
    private readonly string _directory = TestInfra.NewTempDirectory("upstream-hub");
    private readonly string _schema = "upstream_" + Guid.NewGuid().ToString("N")[..20];
    private readonly TimeProvider _time;
    private HubServices? _hub;
    private WebApplication? _app;
    private int _port;

    private UpstreamHub(HubBackend backend, TimeProvider time)
    {
        _backend = backend;
        _time = time;
    }

    /// <summary>The anomaly summaries collection.</summary>
    public string AnomaliesCollection { get; private set; } = "";

    /// <summary>The curated indicators collection.</summary>
    public string IndicatorsCollection { get; private set; } = "";

    /// <summary>The STIX identity of "cert".</summary>
    public string CertIdentity { get; private set; } = "";

    /// <summary>The API root.</summary>
    public Uri ApiRoot => new($"http://127.0.0.1:{_port}/hub/");

    /// <summary>A POST gate the middleware consults (null: none).</summary>
    public PostGate? Gate { get; set; }

    /// <summary>The hub's SQLite file (SQLite backend).</summary>
    public string SqlitePath => Path.Combine(_directory, "hub.db");

    /// <summary>Starts a hub with a fresh store.</summary>
    public static async Task<UpstreamHub> StartAsync(HubBackend backend, TimeProvider time)
    {
        var hub = new UpstreamHub(backend, time);
        try
        {
            await hub.CreateAsync();
            await hub.ListenAsync(0);
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>A TAXII client of the OBU (no retries of its own: the forwarder retries).</summary>
    public TaxiiClient ObuClient(HttpClient http, TimeProvider time) =>
        new(http, new TaxiiClientOptions { ApiRoot = ApiRoot, Username = ObuUser, Password = ObuPassword, Retry = RetryPolicy.None, AttemptTimeout = TimeSpan.FromSeconds(30) }, time);

    /// <summary>A TAXII client of the CERT analyst.</summary>
    public TaxiiClient CertClient(HttpClient http, TimeProvider time) =>
        new(http, new TaxiiClientOptions { ApiRoot = ApiRoot, Username = CertUser, Password = CertPassword, Retry = RetryPolicy.None }, time);

    /// <summary>Stops serving (a hub outage); the store stays.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Serves again on the same port.</summary>
    public Task RestartAsync() => ListenAsync(_port);

    /// <summary>Every object of a collection the CERT analyst sees, every version (TAXII 2.1 §5.4 match[version]=all).</summary>
    public async Task<List<JsonObject>> ReadAllAsync(string collectionId, string type)
    {
        using var http = new HttpClient();
        var client = CertClient(http, TimeProvider.System);
        var result = new List<JsonObject>();
        await foreach (var page in client.PollAsync(collectionId, new TaxiiObjectQuery { Types = [type], Versions = ["all"], Limit = 1000 }))
        {
            result.AddRange(page.Objects);
        }

        return result;
    }

    /// <summary>Every text value stored anywhere in the hub's database (tables read directly).</summary>
    public async Task<List<string>> StoredTextAsync()
    {
        var texts = new List<string>();
        if (_backend == HubBackend.Sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={SqlitePath};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            {
                await CollectAsync(connection, $"SELECT * FROM \"{table}\"", texts);
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(TestInfra.PostgresConnectionString);
            await connection.OpenAsync();
            foreach (var table in await ListAsync(connection, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{_schema}'"))
            {
                await CollectAsync(connection, $"SELECT * FROM \"{_schema}\".\"{table}\"", texts);
            }
        }

        return texts;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_backend == HubBackend.Postgres)
        {
            await using var store = new PostgresHubStore(TestInfra.PostgresConnectionString, _schema);
            await store.DropSchemaAsync(CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection; the temp folder is cleaned by the OS.
        }
    }

    private static async Task<List<string>> ListAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task CollectAsync(System.Data.Common.DbConnection connection, string sql, List<string> texts)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i) && reader.GetValue(i) is string s)
                {
                    texts.Add(s);
                }
            }
        }
    }

    private async Task CreateAsync()
    {
        IHubStore store = _backend == HubBackend.Sqlite
            ? new SqliteHubStore($"Data Source={SqlitePath}")
            : new PostgresHubStore(TestInfra.PostgresConnectionString, _schema);
        _hub = await HubServices.CreateAsync(store, new HubOptions { PasswordIterations = 1000, MaxContentLengthBytes = 4 * 1024 * 1024 }, _time, CancellationToken.None);
        var m = _hub.Membership;
        var ct = CancellationToken.None;
        await m.UpsertOrganisationAsync(new OrganisationRequest("fleet", "Fleet", ["automaker"], ["Acme"], ["Roadster"]), ct);
        await m.SetCredentialAsync("fleet", new CredentialRequest(ObuUser, ObuPassword), ct);
        var cert = await m.UpsertOrganisationAsync(new OrganisationRequest("cert", "Auto-CERT", ["coordination-team"]), ct);
        CertIdentity = cert.IdentityId;
        await m.SetCredentialAsync("cert", new CredentialRequest(CertUser, CertPassword), ct);
        AnomaliesCollection = (await m.UpsertCollectionAsync(new CollectionRequest("Fleet anomalies", Desensitisation: "reject", DefaultTlp: "green"), ct)).Id;
        IndicatorsCollection = (await m.UpsertCollectionAsync(new CollectionRequest("Fleet indicators", Desensitisation: "reject", DefaultTlp: "green", MergeAnomalies: false), ct)).Id;
        await JoinAsync("fleet", AnomaliesCollection, read: true, write: true);
        await JoinAsync("cert", AnomaliesCollection, read: true, write: false);
        await JoinAsync("fleet", IndicatorsCollection, read: true, write: false);
        await JoinAsync("cert", IndicatorsCollection, read: true, write: true);
    }

    private async Task JoinAsync(string organisation, string collection, bool read, bool write)
    {
        await _hub!.Membership.RequestJoinAsync(organisation, collection, read, write, CancellationToken.None);
        await _hub.Membership.ApproveAsync(collection, organisation, new RightsRequest(read, write), "test-admin", CancellationToken.None);
    }

    private async Task ListenAsync(int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = HubApplication.Build(_hub!, [$"http://127.0.0.1:{port}"], runRetention: false,
                configureWebHost: w => w.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new GateFilter(this))));
            try
            {
                await app.StartAsync();
                _app = app;
                _port = new Uri(app.Urls.Single()).Port;
                return;
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } && attempt < 50)
            {
                // The port of the stopped hub may still be held for a moment; bind again.
                await app.DisposeAsync();
                await Task.Yield();
            }
        }
    }

    private sealed class GateFilter(UpstreamHub hub) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextStep) =>
            {
                var gate = hub.Gate;
                if (gate is null || context.Request.Method != HttpMethods.Post || !context.Request.Path.Value!.EndsWith("/objects/", StringComparison.Ordinal))
                {
                    await nextStep(context);
                    return;
                }

                // Buffer the answer: the hub commits inside nextStep, the client hears nothing until released.
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                await nextStep(context);
                await gate.AfterCommitAsync();
                context.Response.Body = original;
                buffer.Position = 0;
                try
                {
                    await buffer.CopyToAsync(original, context.RequestAborted);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    // The client was killed while the answer was held.
                }
            });
            next(app);
        };
    }
}
