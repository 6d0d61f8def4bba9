using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Admin;

/// <summary>The admin and members' JSON APIs: membership after X.1382 §8, subscription verification, routing.</summary>
public abstract class AdminApiTests : HubTestBase
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task SetUpAsync() => await AddOrganisationAsync("admin", OrganisationRole.CoordinationTeam, admin: true);

    public static TheoryData<string, string, bool, bool> ApprovalBodyRows => new()
    {
        { "rights with Content-Length", """{"can_write":false}""", false, false },
        // The body used to be skipped when it had no Content-Length, granting the requested write right.
        { "rights without Content-Length", """{"can_write":false}""", true, false },
        { "no body: the requested rights", "", false, true },
        { "an empty body without Content-Length: the requested rights", "", true, true },
    };

    [Theory]
    [MemberData(nameof(ApprovalBodyRows))]
    public async Task An_approval_body_is_read_with_or_without_content_length(string name, string body, bool unknownLength, bool canWrite)
    {
        await SetUpAsync();
        await AddOrganisationAsync("acme", OrganisationRole.Automaker);
        var collection = await AddCollectionAsync("telematics");
        await Hub.Membership.RequestJoinAsync("acme", collection.Id, true, true, CancellationToken.None);
        using var admin = Client("admin", accept: "application/json");
        using HttpContent content = unknownLength ? new UnknownLengthContent(body) : Json(body);
        using var approve = await admin.PostAsync($"/admin/collections/{collection.Id}/members/acme/approve", content);

        Assert.True(approve.StatusCode == HttpStatusCode.OK, $"{name}: {(int)approve.StatusCode} {await approve.Content.ReadAsStringAsync()}");
        var membership = (await Store.ListMembershipsAsync(collection.Id, "acme", CancellationToken.None)).Single();
        Assert.True(membership.CanRead, name);
        Assert.True(canWrite == membership.CanWrite, name);
    }

    public static TheoryData<string, string, bool, bool> JoinBodyRows => new()
    {
        { "rights with Content-Length", """{"can_read":true,"can_write":true}""", false, true },
        // The body used to be skipped without Content-Length: the request became read-only.
        { "rights without Content-Length", """{"can_read":true,"can_write":true}""", true, true },
        { "no body: read only", "", false, false },
        { "an empty body without Content-Length: read only", "", true, false },
    };

    [Theory]
    [MemberData(nameof(JoinBodyRows))]
    public async Task A_join_request_body_is_read_with_or_without_content_length(string name, string body, bool unknownLength, bool canWrite)
    {
        await SetUpAsync();
        await AddOrganisationAsync("acme", OrganisationRole.Automaker);
        var collection = await AddCollectionAsync("telematics");
        using var acme = Client("acme", accept: "application/json");
        using HttpContent content = unknownLength ? new UnknownLengthContent(body) : Json(body);
        using var join = await acme.PostAsync($"/community/collections/{collection.Id}/join", content);

        Assert.True(join.StatusCode == HttpStatusCode.Accepted, $"{name}: {(int)join.StatusCode} {await join.Content.ReadAsStringAsync()}");
        var membership = (await Store.ListMembershipsAsync(collection.Id, "acme", CancellationToken.None)).Single();
        Assert.True(membership.CanRead, name);
        Assert.True(canWrite == membership.CanWrite, name);
    }

    [Fact]
    public async Task An_organisation_joins_a_collection_after_approval_and_leaves_freely()
    {
        await SetUpAsync();
        using var admin = Client("admin", accept: "application/json");
        using (var put = await admin.PutAsync("/admin/organisations/acme", Json("""{"name":"Acme Motors","roles":["automaker","supplier"],"makes":["Acme"],"models":["Roadster"]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var view = await JsonAsync(put);
            Assert.Equal(["automaker", "supplier"], view["roles"]!.AsArray().Select(r => (string)r!));
            Assert.StartsWith("identity--", (string)view["identity"]!, StringComparison.Ordinal);
        }

        using (var cred = await admin.PostAsync("/admin/organisations/acme/credentials", Json("""{"username":"acme","password":"acme-secret-passphrase"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, cred.StatusCode);
        }

        string collectionId;
        using (var created = await admin.PostAsync("/admin/collections", Json("""{"title":"Telematics","desensitisation":"scrub","coordinate_decimals":1,"retention_days":90,"default_tlp":"green"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var c = await JsonAsync(created);
            collectionId = (string)c["id"]!;
            Assert.Equal("scrub", (string)c["desensitisation"]!);
            Assert.Equal(90, (double)c["retention_days"]!);
        }

        using var acme = Client("acme");
        using (var before = await acme.GetAsync(ObjectsUrl(collectionId)))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        using var acmeJson = Client("acme", accept: "application/json");
        using (var joinable = await acmeJson.GetAsync("/community/collections"))
        {
            Assert.Contains((await JsonNode.Parse(await joinable.Content.ReadAsStringAsync())!.AsArray().ToAsyncList()), c => (string)c!["id"]! == collectionId);
        }

        using (var join = await acmeJson.PostAsync($"/community/collections/{collectionId}/join", Json("""{"can_read":true,"can_write":true}""")))
        {
            Assert.Equal(HttpStatusCode.Accepted, join.StatusCode);
            Assert.Equal("requested", (string)(await JsonAsync(join))["state"]!);
        }

        using (var pending = await acme.GetAsync(ObjectsUrl(collectionId)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        }

        using (var list = await admin.GetAsync("/admin/memberships?state=requested"))
        {
            Assert.Single(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray());
        }

        using (var approve = await admin.PostAsync($"/admin/collections/{collectionId}/members/acme/approve", Json("""{"can_read":true,"can_write":false}""")))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        using (var reading = await acme.GetAsync(ObjectsUrl(collectionId)))
        {
            Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        }

        using (var writing = await acme.PostAsync(ObjectsUrl(collectionId), Envelope([Stix.Indicator(1)])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, writing.StatusCode);
        }

        using (var leave = await acmeJson.PostAsync($"/community/collections/{collectionId}/leave", null))
        {
            Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        }

        using (var after = await acme.GetAsync(ObjectsUrl(collectionId)))
        {
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }

        var audit = await Store.ListAuditAsync(0, 100, CancellationToken.None);
        Assert.Equal(["join-request", "join-approve", "leave"], audit.Select(a => a.Action));
    }

    public static TheoryData<string, string, string, string?, HttpStatusCode> Refusals => new()
    {
        { "anonymous", "GET", "/admin/organisations", null, HttpStatusCode.Unauthorized },
        { "member, not administrator", "GET", "/admin/organisations", "member", HttpStatusCode.Forbidden },
        { "malformed JSON", "PUT", "/admin/organisations/x1", "{\"name\":", HttpStatusCode.BadRequest },
        { "unknown role", "PUT", "/admin/organisations/x1", "{\"name\":\"X\",\"roles\":[\"pirate\"]}", HttpStatusCode.BadRequest },
        { "bad organisation id", "PUT", "/admin/organisations/Bad_Id", "{\"name\":\"X\"}", HttpStatusCode.BadRequest },
        { "reputation out of range", "PUT", "/admin/organisations/member/reputation", "{\"reputation\":1.5}", HttpStatusCode.BadRequest },
        { "short password", "POST", "/admin/organisations/member/credentials", "{\"username\":\"m2\",\"password\":\"short\"}", HttpStatusCode.BadRequest },
        { "credentials of an unknown organisation", "POST", "/admin/organisations/ghost/credentials", "{\"username\":\"g\",\"password\":\"long-enough-passphrase\"}", HttpStatusCode.NotFound },
        { "collection id not a UUID", "POST", "/admin/collections", "{\"title\":\"T\",\"id\":\"abc\"}", HttpStatusCode.BadRequest },
        { "unknown desensitisation mode", "POST", "/admin/collections", "{\"title\":\"T\",\"desensitisation\":\"ignore\"}", HttpStatusCode.BadRequest },
        { "approve without a request", "POST", "/admin/collections/2d086da7-4bdc-4f91-900e-d77486753710/members/member/approve", "", HttpStatusCode.NotFound },
        { "rule on an unknown field", "POST", "/admin/rules", "{\"field\":\"colour\",\"value\":\"x\",\"reason\":\"y\"}", HttpStatusCode.BadRequest },
        { "routing missing a threat type", "PUT", "/admin/threat-routing", "{\"x1371:back-end-servers\":[\"automaker\"]}", HttpStatusCode.BadRequest },
        { "body over 64 KiB", "PUT", "/admin/organisations/x1", "{\"name\":\"" + new string('x', 70_000) + "\"}", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refuses_bad_admin_requests_with_a_typed_error_and_changes_nothing(string name, string method, string path, string? body, HttpStatusCode expected)
    {
        await SetUpAsync();
        await AddOrganisationAsync("member", OrganisationRole.Supplier);
        var user = name.StartsWith("anonymous", StringComparison.Ordinal) ? null : name.StartsWith("member", StringComparison.Ordinal) ? "member" : "admin";
        using var client = Client(user, accept: "application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null && user == "admin")
        {
            request.Content = Json(body);
        }

        async Task<string> OrganisationsAsync() => string.Join('\n', (await Store.ListOrganisationsAsync(CancellationToken.None))
            .Select(o => System.Text.Json.JsonSerializer.Serialize(o, CommunityJsonContext.Default.Organisation)));
        var organisations = await OrganisationsAsync();
        using var response = await client.SendAsync(request);
        Assert.True(expected == response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.False(string.IsNullOrEmpty((string?)(await JsonAsync(response))["message"]));
        Assert.Equal(organisations, await OrganisationsAsync());
        Assert.Empty(await Store.ListCollectionsAsync(CancellationToken.None));
        Assert.Empty(await Store.ListRulesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_configured_threat_routing_replaces_table_1()
    {
        await SetUpAsync();
        await AddOrganisationAsync("oem", OrganisationRole.Automaker);
        await AddOrganisationAsync("cert", OrganisationRole.CoordinationTeam);
        var c = await AddCollectionAsync("shared", defaultTlp: "green");
        await JoinAsync("oem", c.Id, true, true);
        await JoinAsync("cert", c.Id, true, false);
        using var oem = Client("oem");
        await PostAsync(oem, c.Id, [Stix.Indicator(1, TlpLevel.Green, X1371ThreatType.UpdateProcedures)]);
        using var cert = Client("cert");
        Assert.Single(await ReadAllAsync(cert, c.Id));

        var routing = X1371ThreatTypes.All.ToDictionary(X1371ThreatTypes.Label, t => t == X1371ThreatType.UpdateProcedures ? new JsonArray("automaker") : new JsonArray("coordination-team"));
        using var admin = Client("admin", accept: "application/json");
        using var put = await admin.PutAsync("/admin/threat-routing", Json(new JsonObject(routing.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))).ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty(await ReadAllAsync(cert, c.Id));

        // The routing survives a restart of the hub (it is stored).
        Assert.Equal(Hub.Core.Routing.ToJson(), (await Store.GetSettingAsync("threat_routing", CancellationToken.None))!);
    }

    [Fact]
    public async Task The_retention_job_and_the_audit_log_are_reachable_through_the_api()
    {
        await SetUpAsync();
        using var admin = Client("admin", accept: "application/json");
        using var run = await admin.PostAsync("/admin/retention/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(0, (int)(await JsonAsync(run))["erased_versions"]!);
        await Hub.Membership.AddRuleAsync(new Community.Admin.RuleRequest("make", "Bench", "bench vehicles"), CancellationToken.None);
        using var rules = await admin.GetAsync("/admin/rules");
        Assert.Single(JsonNode.Parse(await rules.Content.ReadAsStringAsync())!.AsArray());
        using var audit = await admin.GetAsync("/admin/audit?after=0");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_shows_counts_and_merged_anomalies_the_reader_may_see()
    {
        await AddOrganisationAsync("oem", OrganisationRole.Automaker);
        await AddOrganisationAsync("telco", OrganisationRole.TelecomOperator);
        var c = await AddCollectionAsync("fleet", defaultTlp: "green");
        await JoinAsync("oem", c.Id, true, true);
        await JoinAsync("telco", c.Id, true, false);
        using var oem = Client("oem");
        await PostAsync(oem, c.Id, Enumerable.Range(0, 12).SelectMany(v => Stix.Summary(v).ToStixObjects()).DistinctBy(o => (string)o["id"]!));

        using var oemPage = Client("oem", accept: "text/html");
        var html = await oemPage.GetStringAsync("/dashboard");
        Assert.Contains("<td>observed-data</td><td class=n>12</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>x1371:update-procedures</td>", html, StringComparison.Ordinal);
        Assert.Contains("boot-integrity/hash-mismatch on Acme Roadster (tbox)</td><td>x1371:update-procedures</td><td class=n>12</td>", html, StringComparison.Ordinal);

        // Update-procedure threats do not reach telecom operators (X.1382 Table 1).
        using var telcoPage = Client("telco", accept: "text/html");
        var telcoHtml = await telcoPage.GetStringAsync("/dashboard");
        Assert.DoesNotContain("boot-integrity", telcoHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("observed-data", telcoHtml, StringComparison.Ordinal);

        using var anonymous = Client(null, accept: "text/html");
        using var refused = await anonymous.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}

/// <summary>A body sent without Content-Length (chunked on a real connection): its length is unknown in advance.</summary>
internal sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _body;

    public UnknownLengthContent(string body)
    {
        _body = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

internal static class JsonArrayExtensions
{
    public static Task<List<JsonNode?>> ToAsyncList(this JsonArray array) => Task.FromResult(array.ToList());
}

public sealed class AdminApiTestsOnSqlite : AdminApiTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class AdminApiTestsOnPostgres : AdminApiTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
