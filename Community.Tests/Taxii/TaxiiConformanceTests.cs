using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Stix;
using Cti.Taxii;

namespace Community.Tests.Taxii;

/// <summary>TAXII 2.1 conformance of every endpoint and header, against the real server (in-memory host).</summary>
public abstract partial class TaxiiConformanceTests : HubTestBase
{
    private string _collection = string.Empty;

    private async Task SetUpAsync()
    {
        await AddOrganisationAsync("oem", OrganisationRole.Automaker);
        await AddOrganisationAsync("tier1", OrganisationRole.Supplier);
        var c = await AddCollectionAsync("shared", defaultTlp: "green");
        _collection = c.Id;
        await JoinAsync("oem", c.Id, read: true, write: true);
        await JoinAsync("tier1", c.Id, read: true, write: false);
    }

    private static void AssertTaxiiContentType(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType;
        Assert.NotNull(type);
        Assert.Equal("application/taxii+json", type!.MediaType);
        Assert.Contains(type.Parameters, p => p.Name == "version" && p.Value == "2.1");
    }

    private static async Task AssertTaxiiErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        AssertTaxiiContentType(response);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiError)!;
        Assert.False(string.IsNullOrEmpty(error.Title));
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.HttpStatus);
    }

    [Fact]
    public async Task Discovery_and_api_root_describe_the_server()
    {
        await SetUpAsync();
        using var client = Client(null);
        using var discovery = await client.GetAsync("/taxii2/");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        AssertTaxiiContentType(discovery);
        var d = JsonSerializer.Deserialize(await discovery.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiDiscovery)!;
        Assert.False(string.IsNullOrEmpty(d.Title));
        Assert.Single(d.ApiRoots!);
        Assert.EndsWith(Root, d.ApiRoots![0], StringComparison.Ordinal);
        Assert.Equal(d.ApiRoots[0], d.Default);

        using var root = await client.GetAsync(new Uri(d.ApiRoots[0]).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        AssertTaxiiContentType(root);
        var r = JsonSerializer.Deserialize(await root.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiApiRoot)!;
        Assert.Equal(["application/taxii+json;version=2.1"], r.Versions);
        Assert.Equal(Options.MaxContentLengthBytes, r.MaxContentLength);
    }

    // TAXII 2.1 §1.6.8: a bare application/taxii+json means the latest version and never gets 406.
    public static TheoryData<string, string, HttpStatusCode> AcceptHeaders => new()
    {
        { "TAXII 2.1", "application/taxii+json;version=2.1", HttpStatusCode.OK },
        { "bare TAXII means latest", "application/taxii+json", HttpStatusCode.OK },
        { "with a space", "application/taxii+json; version=2.1", HttpStatusCode.OK },
        { "wildcard", "*/*", HttpStatusCode.OK },
        { "no Accept header", "", HttpStatusCode.OK },
        { "2.0 only", "application/taxii+json;version=2.0", HttpStatusCode.NotAcceptable },
        { "3.0 only", "application/taxii+json;version=3.0", HttpStatusCode.NotAcceptable },
        { "plain JSON", "application/json", HttpStatusCode.NotAcceptable },
        { "STIX media type", "application/stix+json;version=2.1", HttpStatusCode.NotAcceptable },
    };

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task Negotiates_the_media_type(string name, string accept, HttpStatusCode expected)
    {
        await SetUpAsync();
        using var client = Client("oem", accept: accept);
        foreach (var path in (string[])["/taxii2/", Root, Root + "collections/", ObjectsUrl(_collection)])
        {
            using var response = await client.GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{name}: {path} answered {(int)response.StatusCode}");
            AssertTaxiiContentType(response);
            if (expected != HttpStatusCode.OK)
            {
                await AssertTaxiiErrorAsync(response, expected);
            }
        }
    }

    public static TheoryData<string, string?, string?, HttpStatusCode> Credentials => new()
    {
        { "member", "oem", null, HttpStatusCode.OK },
        { "wrong password", "oem", "not-the-password-at-all", HttpStatusCode.Unauthorized },
        { "unknown user", "nobody", null, HttpStatusCode.Unauthorized },
        { "anonymous on a private collection", null, null, HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Authenticates_with_http_basic(string name, string? user, string? password, HttpStatusCode expected)
    {
        await SetUpAsync();
        using var client = Client(user, password);
        using var response = await client.GetAsync(ObjectsUrl(_collection));
        Assert.True(expected == response.StatusCode, name);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await AssertTaxiiErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData("unknown scheme", "Bearer abc")]
    [InlineData("not base64", "Basic ***")]
    [InlineData("no colon", "Basic b2Vt")]
    public async Task Refuses_malformed_authorization_headers(string name, string header)
    {
        await SetUpAsync();
        using var client = Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        using var response = await client.GetAsync(Root + "collections/");
        await AssertTaxiiErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task Lists_only_the_collections_the_caller_may_use_with_its_rights()
    {
        await SetUpAsync();
        var other = await AddCollectionAsync("other");
        using var tier1 = Client("tier1");
        var list = JsonSerializer.Deserialize(await tier1.GetStringAsync(Root + "collections/"), TaxiiJsonContext.Default.TaxiiCollections)!;
        var c = Assert.Single(list.Collections!);
        Assert.Equal(_collection, c.Id);
        Assert.True(c.CanRead);
        Assert.False(c.CanWrite);
        Assert.Equal(["application/stix+json;version=2.1"], c.MediaTypes);

        using var one = await tier1.GetAsync($"{Root}collections/{_collection}/");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using var hidden = await tier1.GetAsync($"{Root}collections/{other.Id}/");
        await AssertTaxiiErrorAsync(hidden, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Adds_objects_and_reports_them_in_a_status_kept_at_least_24_hours()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var bad = Stix.Indicator(2);
        bad.Remove("pattern");
        var status = await PostAsync(oem, _collection, [Stix.Indicator(1), bad]);
        Assert.Equal("complete", status.Status);
        Assert.Equal(2, status.TotalCount);
        Assert.Equal(1, status.SuccessCount);
        Assert.Equal(1, status.FailureCount);
        Assert.Equal(0, status.PendingCount);
        Assert.Equal(Stix.Id("indicator", 1), Assert.Single(status.Successes!).Id);
        var failure = Assert.Single(status.Failures!);
        Assert.Equal(Stix.Id("indicator", 2), failure.Id);
        Assert.Contains("pattern", failure.Message, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromHours(25));
        using var again = await oem.GetAsync($"{Root}status/{status.Id}/");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        AssertTaxiiContentType(again);
        Assert.Equal(status.Id, JsonSerializer.Deserialize(await again.Content.ReadAsStringAsync(), TaxiiJsonContext.Default.TaxiiStatus)!.Id);

        using var tier1 = Client("tier1");
        using var foreign = await tier1.GetAsync($"{Root}status/{status.Id}/");
        await AssertTaxiiErrorAsync(foreign, HttpStatusCode.NotFound);

        Time.Advance(TimeSpan.FromHours(24));
        await Hub.Retention.RunOnceAsync(CancellationToken.None);
        using var gone = await oem.GetAsync($"{Root}status/{status.Id}/");
        await AssertTaxiiErrorAsync(gone, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, HttpStatusCode> ContentTypes => new()
    {
        { "TAXII 2.1", "application/taxii+json;version=2.1", HttpStatusCode.Accepted },
        { "bare TAXII", "application/taxii+json", HttpStatusCode.Accepted },
        { "TAXII 2.0", "application/taxii+json;version=2.0", HttpStatusCode.UnsupportedMediaType },
        { "plain JSON", "application/json", HttpStatusCode.UnsupportedMediaType },
        { "STIX bundle type", "application/stix+json;version=2.1", HttpStatusCode.UnsupportedMediaType },
        { "text", "text/plain", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task Accepts_posts_only_as_taxii_json(string name, string contentType, HttpStatusCode expected)
    {
        await SetUpAsync();
        using var oem = Client("oem");
        using var content = Envelope([Stix.Indicator(1)], contentType);
        using var response = await oem.PostAsync(ObjectsUrl(_collection), content);
        Assert.True(expected == response.StatusCode, name);
        AssertTaxiiContentType(response);
        var stored = await Store.CountObjectsAsync(CancellationToken.None);
        Assert.Equal(expected == HttpStatusCode.Accepted ? 1 : 0, stored);
    }

    [Fact]
    public async Task Refuses_bodies_over_max_content_length_with_413()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var big = Enumerable.Range(0, 400).Select(i => Stix.Indicator(i, name: new string('x', 1000))).ToList();
        using (var declared = Envelope(big))
        using (var response = await oem.PostAsync(ObjectsUrl(_collection), declared))
        {
            await AssertTaxiiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }

        // Without a Content-Length (chunked): the server stops reading at the limit.
        using var stream = new MemoryStream(await Envelope(big).ReadAsByteArrayAsync());
        using var chunked = new StreamContent(stream);
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType.Taxii21);
        using var request = new HttpRequestMessage(HttpMethod.Post, ObjectsUrl(_collection)) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await oem.SendAsync(request);
        await AssertTaxiiErrorAsync(chunkedResponse, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await Store.CountObjectsAsync(CancellationToken.None));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not JSON", "{\"objects\": [" },
        { "JSON array", "[{\"type\":\"indicator\"}]" },
        { "no objects", "{\"more\": false}" },
        { "objects not a list", "{\"objects\": {\"type\": \"indicator\"}}" },
        { "entry not an object", "{\"objects\": [1, 2]}" },
        { "empty list", "{\"objects\": []}" },
        { "nested too deep", "{\"objects\":[" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "]}" },
        { "empty body", "" },
        { "binary", "\u0000\u0001\u0002" },
        // I-JSON (RFC 7493 §2.3): a repeated name used to reach the handler as an ArgumentException on first read (500).
        { "objects twice", "{\"objects\":[{\"type\":\"indicator\"}],\"objects\":[{\"type\":\"malware\"}]}" },
        { "an object with two ids", "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3e\"}]}" },
        { "a nested property twice", "{\"objects\":[{\"type\":\"indicator\",\"extensions\":{\"x\":{\"a\":1,\"a\":2}}}]}" },
        // Fuzzing finding taxii-2 (Docs/fuzzing.md): an escape leaving an unpaired surrogate (RFC 8259 §8.2) used to be read
        // first by the ingest loop as an InvalidOperationException (500).
        { "an escaped lone high surrogate in the id", "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--\\uD800\"}]}" },
        { "an escaped lone low surrogate in a name", "{\"objects\":[{\"type\":\"indicator\",\"\\uDC00\":1}]}" },
        { "a high surrogate escape followed by a letter", "{\"objects\":[{\"type\":\"indicator\",\"name\":\"\\uD83Dx\"}]}" },
    };

    // Fuzzing finding taxii-1 (Docs/fuzzing.md): octets that are not UTF-8 inside a JSON string passed the parse and
    // surfaced at the validator's first read as an InvalidOperationException, answered 500. Each row is the body's octets.
    public static TheoryData<string, byte[]> IllFormedUtf8Bodies => new()
    {
        { "a continuation octet alone inside a string (afl crash id:000000)", Utf8Around("{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--", [0x9A], "\"}]}") },
        { "a truncated two-octet sequence in a property name", Utf8Around("{\"objects\":[{\"ty", [0xC3], "pe\":\"indicator\"}]}") },
        { "an overlong encoding of '/'", Utf8Around("{\"objects\":[{\"type\":\"indicator\",\"name\":\"", [0xC0, 0xAF], "\"}]}") },
        { "an encoded surrogate (CESU-8)", Utf8Around("{\"objects\":[{\"type\":\"indicator\",\"name\":\"", [0xED, 0xA0, 0x80], "\"}]}") },
        { "0xFF outside any string", Utf8Around("{\"objects\":[{\"type\":\"indicator\"}]}", [0xFF], "") },
    };

    [Theory]
    [MemberData(nameof(IllFormedUtf8Bodies))]
    public async Task Bodies_that_are_not_utf8_get_a_taxii_error_and_the_server_keeps_serving(string name, byte[] body) =>
        await AssertMalformedAsync(name, new ByteArrayContent(body));

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_get_a_taxii_error_and_the_server_keeps_serving(string name, string body) =>
        await AssertMalformedAsync(name, new StringContent(body));

    private static byte[] Utf8Around(string before, byte[] octets, string after) =>
        [.. System.Text.Encoding.UTF8.GetBytes(before), .. octets, .. System.Text.Encoding.UTF8.GetBytes(after)];

    private async Task AssertMalformedAsync(string name, HttpContent content)
    {
        await SetUpAsync();
        using var oem = Client("oem");
        await PostAsync(oem, _collection, [Stix.Indicator(1)]);
        using var _ = content;
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType.Taxii21);
        using var response = await oem.PostAsync(ObjectsUrl(_collection), content);
        await AssertTaxiiErrorAsync(response, HttpStatusCode.BadRequest);

        var objects = await ReadAllAsync(oem, _collection);
        Assert.True(objects.Count == 1, name);
        Assert.Equal(1, await Store.CountObjectsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Posting_the_same_objects_again_is_idempotent()
    {
        await SetUpAsync();
        using var oem = Client("oem");
        var summary = Stix.Summary(1).ToStixObjects();
        var first = await PostAsync(oem, _collection, summary);
        var second = await PostAsync(oem, _collection, summary);
        Assert.Equal(first.SuccessCount, second.SuccessCount);
        Assert.All(second.Successes!, s => Assert.Equal("already present", s.Message));
        var objects = await ReadAllAsync(oem, _collection, "&match[version]=all");
        Assert.Equal(objects.Count, objects.Select(o => (string)o["id"]!).Distinct().Count());
        Assert.Equal(2 + 2, objects.Count); // file + observed-data + merged indicator + sighting
    }
}
