using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Tests.Infrastructure;
using Cti.Sharing;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Tests.Taxii;

public abstract partial class TaxiiConformanceTests
{
    [Fact]
    public async Task Pages_with_limit_next_more_and_date_added_headers()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        for (var i = 0; i < 25; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await PostAsync(oem, _collection, [Stix.Indicator(i)]);
        }

        var seen = new List<string>();
        var dateAdded = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            using var response = await oem.GetAsync(ObjectsUrl(_collection) + "?limit=10" + (next is null ? string.Empty : "&next=" + Uri.EscapeDataString(next)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertTaxiiContentType(response);
            var envelope = await JsonAsync(response);
            var objects = envelope["objects"]!.AsArray();
            seen.AddRange(objects.Select(o => (string)o!["id"]!));
            var first = response.Headers.GetValues("X-TAXII-Date-Added-First").Single();
            var last = response.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
            Assert.True(StixTimestamp.TryParse(first, out var f) && StixTimestamp.TryParse(last, out var l) && f <= l);
            dateAdded.Add(first);
            dateAdded.Add(last);
            var more = envelope["more"]!.GetValue<bool>();
            Assert.Equal(pages < 2, more);
            Assert.Equal(more, envelope.ContainsKey("next"));
            next = more ? (string)envelope["next"]! : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Stix.Id("indicator", i)), seen);
        Assert.Equal(dateAdded.Order(StringComparer.Ordinal), dateAdded);
    }

    [Fact]
    public async Task Added_after_uses_the_servers_date_added()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        for (var i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await PostAsync(oem, _collection, [Stix.Indicator(i)]);
        }

        using var page = await oem.GetAsync(ObjectsUrl(_collection) + "?limit=2");
        var cursor = page.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        var rest = await ReadAllAsync(oem, _collection, "&added_after=" + Uri.EscapeDataString(cursor));
        Assert.Equal(Enumerable.Range(2, 3).Select(i => Stix.Id("indicator", i)), rest.Select(o => (string)o["id"]!));

        var none = await ReadAllAsync(oem, _collection, "&added_after=" + Uri.EscapeDataString(StixTimestamp.Format(Time.GetUtcNow())));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Filters_by_id_type_version_and_spec_version()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var v1 = Stix.Indicator(7);
        var v2 = Stix.Indicator(7, modified: Stix.T0.AddDays(-5));
        var v3 = Stix.Indicator(7, modified: Stix.T0.AddDays(-1));
        await PostAsync(oem, _collection, [v1, v2, v3, Stix.Indicator(8), .. Stix.Summary(1).ToStixObjects()]);

        async Task<List<string>> Ids(string query) => (await ReadAllAsync(oem, _collection, query))
            .Select(o => $"{o["id"]}@{o["modified"]?.GetValue<string>() ?? "-"}").ToList();

        var id7 = Stix.Id("indicator", 7);
        Assert.Equal([$"{id7}@{v3["modified"]}"], await Ids($"&match[id]={id7}"));
        Assert.Equal(3, (await Ids($"&match[id]={id7}&match[version]=all")).Count);
        Assert.Equal([$"{id7}@{v1["modified"]}"], await Ids($"&match[id]={id7}&match[version]=first"));
        Assert.Equal([$"{id7}@{v1["modified"]}", $"{id7}@{v3["modified"]}"], (await Ids($"&match[id]={id7}&match[version]=first,last")).Order(StringComparer.Ordinal));
        Assert.Equal([$"{id7}@{v2["modified"]}"], await Ids($"&match[id]={id7}&match[version]={v2["modified"]}"));
        var types = await ReadAllAsync(oem, _collection, "&match[type]=file,observed-data");
        Assert.Equal(["file", "observed-data"], types.Select(o => (string)o["type"]!).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await ReadAllAsync(oem, _collection, $"&match[id]={id7},{Stix.Id("indicator", 8)}")).Count);
        Assert.Empty(await ReadAllAsync(oem, _collection, "&match[spec_version]=2.0"));
        Assert.Equal((await ReadAllAsync(oem, _collection)).Count, (await ReadAllAsync(oem, _collection, "&match[spec_version]=2.0,2.1")).Count);
    }

    [Fact]
    public async Task Serves_one_object_its_versions_and_the_manifest()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var id = Stix.Id("indicator", 3);
        await PostAsync(oem, _collection, [Stix.Indicator(3)]);
        Time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(oem, _collection, [Stix.Indicator(3, modified: Stix.T0.AddDays(-2))]);

        using var one = await oem.GetAsync($"{ObjectsUrl(_collection)}{id}/");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        AssertTaxiiContentType(one);
        Assert.True(one.Headers.Contains("X-TAXII-Date-Added-First"));
        var latest = Assert.Single((await JsonAsync(one))["objects"]!.AsArray());
        Assert.Equal(StixTimestamp.Format(Stix.T0.AddDays(-2)), (string)latest!["modified"]!);
        Assert.Null(HubExtension.ReadValueScore(latest.AsObject()));

        using var all = await oem.GetAsync($"{ObjectsUrl(_collection)}{id}/?match[version]=all");
        Assert.Equal(2, (await JsonAsync(all))["objects"]!.AsArray().Count);

        using var versions = await oem.GetAsync($"{ObjectsUrl(_collection)}{id}/versions/");
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        AssertTaxiiContentType(versions);
        var v = JsonSerializer.Deserialize(await versions.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiVersions)!;
        Assert.False(v.More);
        // STIX 2.1 §3.6: the version is modified, as the producer wrote it (…00.000Z stays so, not …00.000000Z).
        Assert.Equal([StixTimestamp.Format(Stix.T0.AddDays(-10)), StixTimestamp.Format(Stix.T0.AddDays(-2))], v.Versions!);

        using var manifest = await oem.GetAsync($"{Root}collections/{_collection}/manifest/?match[version]=all&limit=1");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        AssertTaxiiContentType(manifest);
        var m = JsonSerializer.Deserialize(await manifest.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiManifest)!;
        Assert.True(m.More);
        Assert.NotNull(m.Next);
        var record = Assert.Single(m.Objects!);
        Assert.Equal(id, record.Id);
        Assert.Equal(StixTimestamp.Format(Stix.T0.AddDays(-10)), record.Version);
        Assert.Equal("application/stix+json;version=2.1", record.MediaType);
        Assert.Equal(manifest.Headers.GetValues("X-TAXII-Date-Added-First").Single(), record.DateAdded);

        using var missing = await oem.GetAsync($"{ObjectsUrl(_collection)}{Stix.Id("indicator", 99)}/");
        await AssertTaxiiErrorAsync(missing, HttpStatusCode.NotFound);
        using var missingVersions = await oem.GetAsync($"{ObjectsUrl(_collection)}{Stix.Id("indicator", 99)}/versions/");
        await AssertTaxiiErrorAsync(missingVersions, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deletes_only_for_the_producer_and_audits_it()
    {
        await SetUpAsync();
        await AddOrganisationAsync("tsp", Membership.OrganisationRole.ThirdPartyProvider);
        await JoinAsync("tsp", _collection, read: true, write: true);
        using var oem = Client("oem");
        var id = Stix.Id("indicator", 4);
        await PostAsync(oem, _collection, [Stix.Indicator(4), Stix.Indicator(4, modified: Stix.T0)]);

        using var tsp = Client("tsp");
        using (var foreign = await tsp.DeleteAsync($"{ObjectsUrl(_collection)}{id}/"))
        {
            await AssertTaxiiErrorAsync(foreign, HttpStatusCode.Forbidden);
        }

        using var tier1 = Client("tier1");
        using (var readOnly = await tier1.DeleteAsync($"{ObjectsUrl(_collection)}{id}/"))
        {
            await AssertTaxiiErrorAsync(readOnly, HttpStatusCode.Forbidden);
        }

        Assert.Equal(2, await Store.CountObjectsAsync(CancellationToken.None));
        using var deleted = await oem.DeleteAsync($"{ObjectsUrl(_collection)}{id}/");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, await Store.CountObjectsAsync(CancellationToken.None));
        using var gone = await oem.GetAsync($"{ObjectsUrl(_collection)}{id}/");
        await AssertTaxiiErrorAsync(gone, HttpStatusCode.NotFound);
        var audit = await Store.ListAuditAsync(0, 100, CancellationToken.None);
        Assert.Equal(2, audit.Count(a => a.Action == "delete" && a.Subject == id && a.Actor == "oem"));
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "added_after not a timestamp", "?added_after=yesterday" },
        { "limit zero", "?limit=0" },
        { "limit not a number", "?limit=ten" },
        { "next not ours", "?next=garbage" },
        { "match[version] unknown keyword", "?match[version]=latest" },
        { "match[version] all with first", "?match[version]=all,first" },
        { "match[version] all with a timestamp", "?match[version]=all,2025-03-01T08:00:00.000Z" },
        { "min_value_score over 100", "?min_value_score=101" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_query_parameters_get_400(string name, string query)
    {
        await SetUpAsync();
        using var oem = Client("oem");
        using var response = await oem.GetAsync(ObjectsUrl(_collection) + query);
        await AssertTaxiiErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("unknown path under the root", "GET", "nothing-here/")]
    [InlineData("PUT on objects", "PUT", "collections/{c}/objects/")]
    [InlineData("status that never existed", "GET", "status/2d086da7-4bdc-4f91-900e-d77486753710/")]
    [InlineData("collection that does not exist", "GET", "collections/2d086da7-4bdc-4f91-900e-d77486753710/objects/")]
    public async Task Unknown_routes_and_methods_get_taxii_errors(string name, string method, string path)
    {
        await SetUpAsync();
        using var oem = Client("oem");
        using var request = new HttpRequestMessage(new HttpMethod(method), Root + path.Replace("{c}", _collection, StringComparison.Ordinal));
        using var response = await oem.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, name);
        await AssertTaxiiErrorAsync(response, response.StatusCode);
    }

    [Fact]
    public async Task Exposes_the_value_score_and_filters_on_it()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var rich = Stix.Indicator(1);
        rich["description"] = "with context";
        rich["confidence"] = 100;
        rich["indicator_types"] = new JsonArray("malicious-activity");
        rich["valid_until"] = StixTimestamp.Format(Stix.T0.AddYears(1));
        var poor = Stix.Indicator(2);
        poor["confidence"] = 0;
        await PostAsync(oem, _collection, [rich, poor]);

        // The scores travel outside the objects (the hub's scores resource), which are served as stored.
        var all = await ReadAllAsync(oem, _collection);
        Assert.All(all, o => Assert.Null(HubExtension.ReadValueScore(o)));
        using var response = await oem.GetAsync($"{Root}collections/{_collection}/scores/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertTaxiiContentType(response);
        var records = (await JsonAsync(response))["objects"]!.AsArray();
        var scores = records.ToDictionary(r => (string)r!["id"]!, r => (int)r!["value_score"]!);
        Assert.Equal(all.Select(o => (string)o["id"]!).Order(StringComparer.Ordinal), scores.Keys.Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Null(r!["authenticity"]));
        Assert.True(scores[Stix.Id("indicator", 1)] > scores[Stix.Id("indicator", 2)]);
        var threshold = scores[Stix.Id("indicator", 1)];
        var filtered = await ReadAllAsync(oem, _collection, "&min_value_score=" + threshold);
        Assert.Equal([Stix.Id("indicator", 1)], filtered.Select(o => (string)o["id"]!));
        using var filteredScores = await oem.GetAsync($"{Root}collections/{_collection}/scores/?min_value_score={threshold}");
        Assert.Equal([Stix.Id("indicator", 1)], (await JsonAsync(filteredScores))["objects"]!.AsArray().Select(r => (string)r!["id"]!));
    }
}

public sealed class TaxiiConformanceTestsOnSqlite : TaxiiConformanceTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class TaxiiConformanceTestsOnPostgres : TaxiiConformanceTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
