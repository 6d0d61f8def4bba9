using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Hosting;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Fuzzing.Targets;

/// <summary>
/// TAXII envelope ingest at the sharing-community hub (TAXII 2.1 §5.4 Add Objects, then desensitisation, scoring and
/// storage): one hub over a SQLite file on an in-memory test server, with an automaker organisation that may write to
/// a collection in scrub mode; each input is the body of one POST to that collection's objects endpoint. The hub
/// must answer every body with a TAXII answer below 500 (202 with a status, or a 4xx error); a 5xx answer or an
/// exception out of the server is a finding. The hub lives for the process, as a running hub does.
/// </summary>
public sealed partial class TaxiiTarget : IFuzzTarget, IDisposable
{
    private const string Oem = "acme-oem";

    /// <summary>The hub's clock: summaries the seeds carry are an hour old then.</summary>
    public static readonly DateTimeOffset Now = ReceiveTarget.Start;

    private readonly Lazy<Hub> _hub = new(() => Hub.StartAsync().GetAwaiter().GetResult());

    /// <inheritdoc />
    public string Name => "taxii";

    /// <inheritdoc />
    public string Run(byte[] input)
    {
        var hub = _hub.Value;
        using var content = new ByteArrayContent(input);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType.Taxii21);
        using var response = hub.Client.PostAsync(hub.ObjectsUrl, content).GetAwaiter().GetResult();
        var status = (int)response.StatusCode;
        return status >= 500
            ? throw new InvalidOperationException($"the hub answered {status} to an envelope: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}")
            : $"HTTP {status}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_hub.IsValueCreated)
        {
            _hub.Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A hub on a test server over a SQLite file in a temporary folder, with the automaker and its collection.</summary>
    private sealed class Hub : IAsyncDisposable
    {
        private readonly string _directory;
        private readonly HubServices _services;
        private readonly WebApplication _app;

        private Hub(string directory, HubServices services, WebApplication app, HttpClient client, string objectsUrl)
        {
            _directory = directory;
            _services = services;
            _app = app;
            Client = client;
            ObjectsUrl = objectsUrl;
        }

        public HttpClient Client { get; }

        public string ObjectsUrl { get; }

        public static async Task<Hub> StartAsync()
        {
            var directory = Directory.CreateTempSubdirectory("fuzz-hub-").FullName;
            var store = new SqliteHubStore($"Data Source={Path.Combine(directory, "hub.db")}");
            var services = await HubServices.CreateAsync(store, new HubOptions { PasswordIterations = 1000, MaxContentLengthBytes = 256 * 1024 },
                new FixedClock(Now), CancellationToken.None).ConfigureAwait(false);
            var app = HubApplication.Build(services, runRetention: false, configureWebHost: w => w.UseTestServer());
            await app.StartAsync().ConfigureAwait(false);
            var none = CancellationToken.None;
            await services.Membership.UpsertOrganisationAsync(new OrganisationRequest(Oem, "ACME", ["automaker"], ["Acme"]), none).ConfigureAwait(false);
            await services.Membership.SetCredentialAsync(Oem, new CredentialRequest(Oem, Password), none).ConfigureAwait(false);
            var collection = await services.Membership.UpsertCollectionAsync(
                new CollectionRequest("fuzz", Description: "fuzzed envelopes", PublicRead: false, Desensitisation: "scrub", CoordinateDecimals: 2, DefaultTlp: "amber"),
                none).ConfigureAwait(false);
            await services.Membership.RequestJoinAsync(Oem, collection.Id, true, true, none).ConfigureAwait(false);
            await services.Membership.ApproveAsync(collection.Id, Oem, new RightsRequest(true, true), "fuzz-admin", none).ConfigureAwait(false);
            var client = app.GetTestServer().CreateClient();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", TaxiiMediaType.Taxii21);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Oem}:{Password}")));
            return new Hub(directory, services, app, client, $"/{services.Core.Options.ApiRootName}/collections/{collection.Id}/objects/");
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.DisposeAsync().ConfigureAwait(false);
            await _services.DisposeAsync().ConfigureAwait(false);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private const string Password = "acme-oem-fuzz-passphrase";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
