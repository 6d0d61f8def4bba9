using System.Net;
using System.Text.Json.Nodes;
using Cti.Taxii;

namespace Cti.Tests.Taxii;

public sealed class TaxiiClientTests : IDisposable
{
    private const string StatusComplete = """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","total_count":1,"success_count":1,"failure_count":0,"pending_count":0,"successes":[{"id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","version":"2016-04-06T20:03:48.000Z"}]}""";
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly VirtualTimeProvider _time = new(Start, holdAtOrAbove: TimeSpan.FromSeconds(30));
    private readonly ScriptedHandler _handler;
    private readonly HttpClient _http;

    public TaxiiClientTests()
    {
        _handler = new ScriptedHandler(_time);
        _http = new HttpClient(_handler);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    [Fact]
    public async Task Retries_transient_failures_with_exponential_backoff()
    {
        _handler.Respond(HttpStatusCode.ServiceUnavailable)
            .Fail(new HttpRequestException("connection refused"))
            .Respond(HttpStatusCode.BadGateway)
            .Respond(HttpStatusCode.OK, StatusComplete);

        var status = await Client().AddObjectsAsync("c1", [Indicator()]);

        Assert.Equal("complete", status.Status);
        // RetryPolicy.Default: 1 s, 2 s, 4 s between attempts.
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7)],
            _handler.Requests.Select(r => r.At - Start).ToArray());
        Assert.All(_handler.Requests, r => Assert.Equal(_handler.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Honours_retry_after()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(7)))
            .Respond(HttpStatusCode.OK, """{"title":"hub","versions":["application/taxii+json;version=2.1"],"max_content_length":1000}""");

        var root = await Client().GetApiRootAsync();

        Assert.Equal(1000, root.MaxContentLength);
        Assert.Equal(TimeSpan.FromSeconds(7), _handler.Requests[1].At - Start);
    }

    [Fact]
    public async Task Retries_an_attempt_that_hangs_past_the_attempt_timeout()
    {
        _handler.Hang().Respond(HttpStatusCode.OK, """{"collections":[]}""");

        var call = Client().GetCollectionsAsync();
        await _handler.HangReached.Task;
        _time.FireHeld();
        var collections = await call;

        Assert.Empty(collections);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.True(_handler.Requests[1].At - Start >= TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("400 bad request", HttpStatusCode.BadRequest)]
    [InlineData("401 unauthorised", HttpStatusCode.Unauthorized)]
    [InlineData("403 forbidden", HttpStatusCode.Forbidden)]
    [InlineData("413 too large", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("501 not implemented", HttpStatusCode.NotImplemented)]
    public async Task Does_not_retry_permanent_refusals(string name, HttpStatusCode status)
    {
        _handler.Respond(status, """{"title":"refused","description":"because","http_status":"400"}""");

        var e = await Assert.ThrowsAsync<TaxiiClientException>(() => Client().GetCollectionsAsync());

        Assert.Equal(status, e.StatusCode);
        Assert.Equal("refused", e.Error?.Title);
        Assert.Single(_handler.Requests);
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_with_a_typed_error()
    {
        for (var i = 0; i < 3; i++)
        {
            _handler.Respond(HttpStatusCode.ServiceUnavailable);
        }

        var client = Client(new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 2));
        var e = await Assert.ThrowsAsync<TaxiiClientException>(() => client.GetCollectionsAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _time.Waits);
    }

    [Fact]
    public async Task Rejects_an_answer_that_is_not_taxii_json()
    {
        _handler.Respond(HttpStatusCode.OK, "<html>proxy error</html>");
        await Assert.ThrowsAsync<TaxiiClientException>(() => Client().GetCollectionsAsync());
    }

    [Fact]
    public async Task Posts_an_envelope_with_taxii_headers_and_waits_for_a_pending_status()
    {
        _handler.Respond(HttpStatusCode.Accepted, """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"pending","total_count":1,"success_count":0,"failure_count":0,"pending_count":1}""")
            .Respond(HttpStatusCode.OK, StatusComplete);

        var status = await Client().AddObjectsAsync("c1", [Indicator()]);

        Assert.Equal("complete", status.Status);
        var post = _handler.Requests[0];
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal("https://hub.example/api1/collections/c1/objects/", post.Uri.ToString());
        Assert.Equal("application/taxii+json; version=2.1", post.ContentType);
        Assert.Equal("application/taxii+json; version=2.1", post.Accept);
        Assert.Equal("Basic b2J1LTE6czNjcmV0", post.Authorization);
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", JsonNode.Parse(post.Body!)!["objects"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("https://hub.example/api1/status/2d086da7-4bdc-4f91-900e-d77486753710/", _handler.Requests[1].Uri.ToString());
    }

    [Fact]
    public async Task Polls_every_page_following_next_and_reads_date_added_headers()
    {
        _handler.Respond(HttpStatusCode.OK, """{"more":true,"next":"p2","objects":[{"type":"ipv4-addr","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}]}""",
                r =>
                {
                    r.Headers.Add("X-TAXII-Date-Added-First", "2025-01-01T00:00:00.000001Z");
                    r.Headers.Add("X-TAXII-Date-Added-Last", "2025-01-01T00:00:00.000001Z");
                })
            .Respond(HttpStatusCode.OK, """{"more":false,"objects":[{"type":"ipv4-addr","id":"ipv4-addr--ad74bc22-43d2-52ed-890e-7d382f58e1eb","value":"203.0.113.1"}]}""",
                r => r.Headers.Add("X-TAXII-Date-Added-Last", "2025-01-01T00:00:00.000002Z"));

        var pages = new List<TaxiiObjectPage>();
        await foreach (var page in Client().PollAsync("c1", new TaxiiObjectQuery { AddedAfter = Start.AddDays(-1), Limit = 1 }))
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.Equal("?added_after=2024-12-31T00%3A00%3A00.000000Z&limit=1", _handler.Requests[0].Uri.Query);
        Assert.Equal("?added_after=2024-12-31T00%3A00%3A00.000000Z&limit=1&next=p2", _handler.Requests[1].Uri.Query);
        Assert.Equal(Start.AddTicks(20), pages[1].DateAddedLast);
        Assert.Equal(Start.AddTicks(10), pages[0].DateAddedFirst);
    }

    private const string Ip1 = """{"type":"ipv4-addr","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}""";
    private const string Ip2 = """{"type":"ipv4-addr","id":"ipv4-addr--ad74bc22-43d2-52ed-890e-7d382f58e1eb","value":"203.0.113.1"}""";

    // TAXII 2.1 §3.4: next is opaque and may repeat, and a page may be empty while more=true; what ends a poll is a
    // server that keeps claiming more without ever sending a new object or a later date_added (8 pages in a row).
    public static TheoryData<string, string[], int, string> HostilePollRows => new()
    {
        { "the same object again and again", [$$"""{"more":true,"next":"p2","objects":[{{Ip1}}]}""", .. Enumerable.Repeat($$"""{"more":true,"next":"p2","objects":[{{Ip1}}]}""", 9)], 1, "without a new object" },
        { "empty pages claiming more for ever", [.. Enumerable.Repeat("""{"more":true,"next":"p3","objects":[]}""", 9)], 0, "without a new object" },
        { "a null object", [$$"""{"more":false,"objects":[{{Ip1}},null]}"""], 0, "null entry" },
    };

    [Theory]
    [MemberData(nameof(HostilePollRows))]
    public async Task A_hub_that_would_page_forever_or_sends_null_objects_gets_a_typed_error(string name, string[] answers, int pagesBefore, string detail)
    {
        foreach (var answer in answers)
        {
            _handler.Respond(HttpStatusCode.OK, answer);
        }

        var pages = new List<TaxiiObjectPage>();
        var error = await Assert.ThrowsAsync<TaxiiClientException>(async () =>
        {
            await foreach (var page in Client().PollAsync("c1"))
            {
                pages.Add(page);
            }
        });
        Assert.True(error.Message.Contains(detail, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.True(pagesBefore == pages.Count, name);
        Assert.True(answers.Length == _handler.Requests.Count, name);
    }

    public static TheoryData<string, string> BadStatusRows => new()
    {
        { "no id", """{"status":"pending","total_count":1,"success_count":0,"failure_count":0,"pending_count":1}""" },
        { "empty id", """{"id":"","status":"pending","total_count":1,"success_count":0,"failure_count":0,"pending_count":1}""" },
        { "no status", """{"id":"2d086da7-4bdc-4f91-900e-d77486753710","total_count":1,"success_count":0,"failure_count":0,"pending_count":1}""" },
    };

    [Theory]
    [MemberData(nameof(BadStatusRows))]
    public async Task A_status_without_id_or_status_gets_a_typed_error_and_is_not_followed(string name, string status)
    {
        _handler.Respond(HttpStatusCode.Accepted, status);
        var error = await Assert.ThrowsAsync<TaxiiClientException>(() => Client().AddObjectsAsync("c1", [Indicator()]));
        Assert.True(error.Message.Contains("status resource", StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.True(_handler.Requests.Count == 1, name);
    }

    [Theory]
    [InlineData("empty", "", null, null, null)]
    [InlineData("filters joined by commas", "?match%5Btype%5D=indicator%2Csighting&match%5Bversion%5D=all", "indicator,sighting", "all", null)]
    [InlineData("value score", "?min_value_score=60", null, null, 60)]
    public void Builds_query_strings(string name, string expected, string? types, string? versions, int? score)
    {
        var query = new TaxiiObjectQuery
        {
            Types = types?.Split(','),
            Versions = versions?.Split(','),
            MinValueScore = score,
        };
        Assert.Equal(expected, query.ToQueryString());
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Refuses_an_api_root_without_trailing_slash()
    {
        Assert.Throws<ArgumentException>(() => new TaxiiClient(_http, new TaxiiClientOptions { ApiRoot = new Uri("https://hub.example/api1") }, _time));
    }

    private static JsonObject Indicator() => JsonNode.Parse("""
        {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z",
         "modified":"2016-04-06T20:03:48.000Z","pattern":"[file:name = 'x']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}
        """)!.AsObject();

    private TaxiiClient Client(RetryPolicy? retry = null) => new(
        _http,
        new TaxiiClientOptions
        {
            ApiRoot = new Uri("https://hub.example/api1/"),
            Username = "obu-1",
            Password = "s3cret",
            Retry = retry ?? RetryPolicy.Default,
        },
        _time);
}
