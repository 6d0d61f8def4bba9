using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Community.Tests.Infrastructure;

/// <summary>
/// A hub on an in-memory test server over a fresh store of the backend the subclass chooses, with a
/// fake clock, and helpers to set up organisations, collections and subscriptions.
/// </summary>
public abstract class HubTestBase : IAsyncLifetime
{
    private IStoreProvider? _provider;
    private WebApplication? _app;
    private TestServer? _server;
    private HubServices? _hub;

    protected FakeTimeProvider Time { get; } = new(Stix.T0);

    protected HubServices Hub => _hub ?? throw new InvalidOperationException("not initialised");

    protected IHubStore Store => Hub.Core.Store;

    protected IStoreProvider Provider => _provider ?? throw new InvalidOperationException("not initialised");

    protected virtual HubOptions Options => new() { PasswordIterations = 1000, MaxContentLengthBytes = 256 * 1024 };

    protected abstract IStoreProvider CreateProvider();

    /// <summary>The hub's ticket-signature verifier (none by default).</summary>
    protected virtual Task<global::Community.Authenticity.SubmissionVerifier?> CreateVerifierAsync() => Task.FromResult<global::Community.Authenticity.SubmissionVerifier?>(null);

    /// <summary>The in-memory server (for clients of the tests' own making).</summary>
    protected TestServer Server => _server ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        _provider = CreateProvider();
        _hub = await HubServices.CreateAsync(_provider.Create(), Options, Time, await CreateVerifierAsync(), CancellationToken.None);
        _app = HubApplication.Build(_hub, runRetention: false, configureWebHost: w => w.UseTestServer());
        await _app.StartAsync();
        _server = _app.GetTestServer();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>Password every test organisation's user gets.</summary>
    protected static string PasswordOf(string organisationId) => organisationId + "-secret-passphrase";

    protected async Task<Organisation> AddOrganisationAsync(string id, OrganisationRole roles, bool admin = false, IReadOnlyList<string>? clients = null,
        IReadOnlyList<string>? makes = null, IReadOnlyList<string>? models = null, double? reputation = null)
    {
        var org = await Hub.Membership.UpsertOrganisationAsync(
            new OrganisationRequest(id, id.ToUpperInvariant(), OrganisationRoles.ToNames(roles), makes, models, null, clients, reputation, admin), CancellationToken.None);
        await Hub.Membership.SetCredentialAsync(id, new CredentialRequest(id, PasswordOf(id)), CancellationToken.None);
        return org;
    }

    protected Task<HubCollection> AddCollectionAsync(string title, string desensitisation = "reject", bool publicRead = false, double? retentionDays = null,
        string defaultTlp = "amber", int coordinateDecimals = 2) =>
        Hub.Membership.UpsertCollectionAsync(
            new CollectionRequest(title, null, "test collection " + title, null, publicRead, desensitisation, coordinateDecimals, retentionDays, defaultTlp), CancellationToken.None);

    protected async Task JoinAsync(string organisationId, string collectionId, bool read, bool write)
    {
        await Hub.Membership.RequestJoinAsync(organisationId, collectionId, read || !write, write, CancellationToken.None);
        await Hub.Membership.ApproveAsync(collectionId, organisationId, new RightsRequest(read, write), "test-admin", CancellationToken.None);
    }

    /// <summary>A client authenticated as <paramref name="user"/> (anonymous when null), accepting TAXII 2.1.</summary>
    protected HttpClient Client(string? user, string? password = null, string accept = TaxiiMediaType.Taxii21)
    {
        var client = _server!.CreateClient();
        client.DefaultRequestHeaders.Accept.Clear();
        if (accept.Length > 0)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
        }

        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password ?? PasswordOf(user)}")));
        }

        return client;
    }

    /// <summary>The hub's API root URL path.</summary>
    protected string Root => "/" + Hub.Core.Options.ApiRootName + "/";

    protected string ObjectsUrl(string collectionId) => $"{Root}collections/{collectionId}/objects/";

    protected static StringContent Envelope(IEnumerable<JsonObject> objects, string contentType = TaxiiMediaType.Taxii21)
    {
        var envelope = new JsonObject { ["objects"] = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()) };
        var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>POSTs an envelope and returns the status resource (asserting 202).</summary>
    protected async Task<TaxiiStatus> PostAsync(HttpClient client, string collectionId, IEnumerable<JsonObject> objects)
    {
        using var content = Envelope(objects);
        using var response = await client.PostAsync(ObjectsUrl(collectionId), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, TaxiiJsonContext.Default.TaxiiStatus)!;
    }

    /// <summary>Every object the client sees in a collection, following next.</summary>
    protected async Task<List<JsonObject>> ReadAllAsync(HttpClient client, string collectionId, string query = "")
    {
        var result = new List<JsonObject>();
        string? next = null;
        do
        {
            var url = ObjectsUrl(collectionId) + "?limit=500" + query + (next is null ? string.Empty : "&next=" + Uri.EscapeDataString(next));
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
            var envelope = JsonNode.Parse(body)!.AsObject();
            if (envelope["objects"] is JsonArray objects)
            {
                result.AddRange(objects.Select(o => o!.DeepClone().AsObject()));
            }

            next = envelope["more"]!.GetValue<bool>() ? envelope["next"]!.GetValue<string>() : null;
        }
        while (next is not null);

        return result;
    }

    protected static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Every text value stored anywhere in the database (tables scanned directly).</summary>
    protected async Task<List<string>> AllStoredTextAsync()
    {
        var sql = (SqlHubStore)Store;
        var texts = new List<string>();
        await using var connection = await sql.OpenAsync(CancellationToken.None);
        foreach (var table in (string[])["organisations", "credentials", "collections", "memberships", "objects", "statuses", "audit", "anomaly_groups", "anomaly_vehicles", "rules", "settings"])
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT * FROM " + table;
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

        return texts;
    }
}
