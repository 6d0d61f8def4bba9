using System.Net;
using System.Net.Http.Headers;
using Community.Hosting;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Tests.Taxii;

/// <summary>
/// The hub on Kestrel at 127.0.0.1, port 0, over HTTPS with a certificate of a test TLS CA, driven by the Cti TAXII
/// client the OBU uses (trusting that CA alone): posting summaries (and re-posting them), polling with added_after and
/// pagination; a client trusting another CA refuses the hub; plain HTTP is refused off loopback.
/// </summary>
public abstract class LoopbackClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(Infrastructure.Stix.T0);
    private IStoreProvider? _provider;
    private HubServices? _hub;
    private WebApplication? _app;
    private Uri? _base;
    private PkiProtocol.Tls.TlsAuthority? _ca;
    private System.Security.Cryptography.X509Certificates.X509Certificate2? _tls;

    protected abstract IStoreProvider CreateProvider();

    public async Task InitializeAsync()
    {
        _provider = CreateProvider();
        _hub = await HubServices.CreateAsync(_provider.Create(), new HubOptions { PasswordIterations = 1000 }, _time, CancellationToken.None);
        _ca = PkiProtocol.Tls.TlsAuthority.Create("hub test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        _tls = _ca.IssueServer(["127.0.0.1"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        _app = HubApplication.Build(_hub, ["https://127.0.0.1:0"], runRetention: false, tlsCertificate: _tls);
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        await _hub!.DisposeAsync();
        await _provider!.DisposeAsync();
        _tls?.Dispose();
        _ca?.Dispose();
    }

    private HttpClient Https() => new(PkiProtocol.Tls.TlsTrust.CreateHandler(_ca!.Root));

    [Fact]
    public async Task The_hub_serves_https_and_a_client_trusting_another_ca_refuses_it()
    {
        Assert.Equal("https", _base!.Scheme);
        using var ok = Https();
        var client = new TaxiiClient(ok, new TaxiiClientOptions { ApiRoot = new Uri(_base, "/hub/"), Retry = RetryPolicy.None }, _time);
        Assert.Single((await client.GetDiscoveryAsync(new Uri("/taxii2/", UriKind.Relative))).ApiRoots!);

        using var other = PkiProtocol.Tls.TlsAuthority.Create("another CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var wrong = new HttpClient(PkiProtocol.Tls.TlsTrust.CreateHandler(other.Root));
        var refused = await Assert.ThrowsAsync<TaxiiClientException>(() =>
            new TaxiiClient(wrong, new TaxiiClientOptions { ApiRoot = new Uri(_base, "/hub/"), Retry = RetryPolicy.None }, _time).GetCollectionsAsync());
        Assert.Null(refused.StatusCode);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException?.InnerException);
    }

    [Theory]
    [InlineData("plain HTTP on every address", "http://0.0.0.0:0")]
    [InlineData("plain HTTP on another host", "http://192.0.2.1:8080")]
    [InlineData("https without a certificate", "https://127.0.0.1:0")]
    [InlineData("another scheme", "ftp://127.0.0.1:21")]
    public void The_hub_refuses_to_listen_without_tls_off_loopback(string name, string url)
    {
        var e = Assert.Throws<ArgumentException>(() => HubApplication.Build(_hub!, [url], runRetention: false));
        Assert.True(e.Message.Contains(url, StringComparison.Ordinal), name);
    }

    [Fact]
    public async Task The_obu_client_posts_and_polls_over_real_http()
    {
        var m = _hub!.Membership;
        await m.UpsertOrganisationAsync(new Community.Admin.OrganisationRequest("fleet", "Fleet", ["automaker"]), CancellationToken.None);
        await m.SetCredentialAsync("fleet", new Community.Admin.CredentialRequest("fleet-obu", "fleet-obu-passphrase"), CancellationToken.None);
        var collection = await m.UpsertCollectionAsync(new Community.Admin.CollectionRequest("Fleet anomalies", DefaultTlp: "green"), CancellationToken.None);
        await m.RequestJoinAsync("fleet", collection.Id, true, true, CancellationToken.None);
        await m.ApproveAsync(collection.Id, "fleet", null, "admin", CancellationToken.None);

        using var http = Https();
        var client = new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = new Uri(_base!, "/hub/"), Username = "fleet-obu", Password = "fleet-obu-passphrase" }, _time);
        var discovery = await client.GetDiscoveryAsync(new Uri("/taxii2/", UriKind.Relative));
        Assert.Single(discovery.ApiRoots!);
        Assert.Equal(collection.Id, Assert.Single(await client.GetCollectionsAsync()).Id);

        var objects = Enumerable.Range(0, 30).SelectMany(v => Infrastructure.Stix.Summary(v).ToStixObjects()).DistinctBy(o => (string)o["id"]!).ToList();
        var status = await client.AddObjectsAsync(collection.Id, objects);
        Assert.Equal(objects.Count, status.SuccessCount);
        var again = await client.AddObjectsAsync(collection.Id, objects);
        Assert.All(again.Successes!, s => Assert.Equal("already present", s.Message));
        Assert.Equal(status.Id, (await client.GetStatusAsync(status.Id)).Id);

        var seen = new List<string>();
        DateTimeOffset? cursor = null;
        await foreach (var page in client.PollAsync(collection.Id, new TaxiiObjectQuery { Limit = 7, Types = ["observed-data"] }))
        {
            seen.AddRange(page.Objects.Select(o => (string)o["id"]!));
            cursor = page.DateAddedLast ?? cursor;
        }

        Assert.Equal(30, seen.Distinct().Count());
        Assert.Equal(30, seen.Count);

        _time.Advance(TimeSpan.FromSeconds(10));
        await client.AddObjectsAsync(collection.Id, Infrastructure.Stix.Summary(99).ToStixObjects());
        var fresh = await client.GetObjectsAsync(collection.Id, new TaxiiObjectQuery { AddedAfter = cursor, Types = ["observed-data"] });
        Assert.Equal([Infrastructure.Stix.Summary(99).ObservedDataId], fresh.Objects.Select(o => (string)o["id"]!));

        var indicator = Assert.Single((await client.GetObjectsAsync(collection.Id, new TaxiiObjectQuery { Types = ["indicator"] })).Objects);
        Assert.Equal(Infrastructure.Stix.Summary(0).Signature, (string)indicator["extensions"]![HubExtension.Id]![HubExtension.AnomalySignature]!);

        var refused = await Assert.ThrowsAsync<TaxiiClientException>(() => new TaxiiClient(http,
            new TaxiiClientOptions { ApiRoot = new Uri(_base!, "/hub/"), Username = "fleet-obu", Password = "wrong-wrong-wrong" }, _time).GetCollectionsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var raw = new HttpRequestMessage(HttpMethod.Get, new Uri(_base!, "/taxii2/"));
        raw.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/taxii+json;version=2.0"));
        using var notAcceptable = await http.SendAsync(raw);
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
    }

    public static TheoryData<string, int?, bool> PagingRows => new()
    {
        { "limit given", 7, false },
        { "no limit given: the client names its page size", null, false },
        { "every next refused as if expired: resume by date_added", 7, true },
    };

    [Theory]
    [MemberData(nameof(PagingRows))]
    public async Task The_client_pages_objects_and_the_manifest_of_the_hub(string name, int? limit, bool refuseNext)
    {
        var collection = await FleetCollectionAsync();
        using var seeding = Https();
        var writer = new TaxiiClient(seeding, new TaxiiClientOptions { ApiRoot = new Uri(_base!, "/hub/"), Username = "fleet-obu", Password = "fleet-obu-passphrase" }, _time);
        for (var batch = 0; batch < 4; batch++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await writer.AddObjectsAsync(collection, Enumerable.Range(batch * 10, 10).SelectMany(v => Infrastructure.Stix.Summary(v).ToStixObjects()).DistinctBy(o => (string)o["id"]!).ToList());
        }

        using var handler = new NextRewriter(refuseNext) { InnerHandler = PkiProtocol.Tls.TlsTrust.CreateHandler(_ca!.Root) };
        using var http = new HttpClient(handler);
        var client = new TaxiiClient(http, new TaxiiClientOptions
        {
            ApiRoot = new Uri(_base!, "/hub/"),
            Username = "fleet-obu",
            Password = "fleet-obu-passphrase",
            PageSize = 9,
            Retry = RetryPolicy.None,
        }, _time);

        var objects = new List<string>();
        await foreach (var page in client.PollAsync(collection, new TaxiiObjectQuery { Limit = limit, Types = ["observed-data"] }))
        {
            objects.AddRange(page.Objects.Select(o => (string)o["id"]!));
        }

        var records = new List<string>();
        await foreach (var page in client.PollManifestAsync(collection, new TaxiiObjectQuery { Limit = limit, Types = ["observed-data"] }))
        {
            records.AddRange(page.Records.Select(r => r.Id));
        }

        Assert.True(40 == objects.Count && 40 == objects.Distinct().Count(), $"{name}: {objects.Count} objects");
        Assert.True(objects.SequenceEqual(records), $"{name}: manifest differs");
        Assert.True(handler.Requests.All(u => u.Query.Contains("limit=" + (limit ?? 9), StringComparison.Ordinal)), name);
        Assert.True(refuseNext == handler.Requests.Any(u => u.Query.Contains("next=", StringComparison.Ordinal) && handler.Refused.Contains(u)), name);
    }

    private async Task<string> FleetCollectionAsync()
    {
        var m = _hub!.Membership;
        await m.UpsertOrganisationAsync(new Community.Admin.OrganisationRequest("fleet", "Fleet", ["automaker"]), CancellationToken.None);
        await m.SetCredentialAsync("fleet", new Community.Admin.CredentialRequest("fleet-obu", "fleet-obu-passphrase"), CancellationToken.None);
        var collection = await m.UpsertCollectionAsync(new Community.Admin.CollectionRequest("Fleet anomalies", DefaultTlp: "green"), CancellationToken.None);
        await m.RequestJoinAsync("fleet", collection.Id, true, true, CancellationToken.None);
        await m.ApproveAsync(collection.Id, "fleet", null, "admin", CancellationToken.None);
        return collection.Id;
    }

    // Records what the client asks; with refuse, replaces every next the hub sends by one it never issued, as a
    // server that expired it would answer (the hub refuses it with 400).
    private sealed class NextRewriter(bool refuse) : DelegatingHandler
    {
        public List<Uri> Requests { get; } = [];

        public HashSet<Uri> Refused { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Refused.Add(request.RequestUri!);
            }

            if (refuse && response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
                if (node["next"] is not null)
                {
                    node["next"] = "ZXhwaXJlZA";
                    var content = new StringContent(node.ToJsonString());
                    content.Headers.ContentType = response.Content.Headers.ContentType;
                    response.Content = content;
                }
            }

            return response;
        }
    }
}

public sealed class LoopbackClientTestsOnSqlite : LoopbackClientTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class LoopbackClientTestsOnPostgres : LoopbackClientTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
