using System.Net;
using Bench.Hub;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Tests.Hub;

/// <summary>
/// The recorder under an OBU's TAXII client: only summaries in an envelope the hub answered with a success
/// count (TAXII 2.1 §5.5: 202 with a status), and the first such answer is timed.
/// </summary>
public class PostedSummariesTests
{
    private const string Envelope = """
        {"objects":[
          {"type":"observed-data","id":"observed-data--6f0e7c1a-7c43-4b8e-9d0e-0c9b1a2d3e4f","object_refs":["file--2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e"]},
          {"type":"file","id":"file--2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e","name":"rogue"}]}
        """;

    public static TheoryData<string, string, string[]> Envelopes => new()
    {
        { "a summary and its observable", Envelope, ["observed-data--6f0e7c1a-7c43-4b8e-9d0e-0c9b1a2d3e4f"] },
        { "no summary", """{"objects":[{"type":"indicator","id":"indicator--1"}]}""", [] },
        { "no objects", """{"more":false}""", [] },
        { "not JSON", "objects", [] },
        { "an id that is not a string", """{"objects":[{"type":"observed-data","id":7}]}""", [] },
    };

    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Reads_the_summary_ids_of_an_envelope(string row, string envelope, string[] ids)
    {
        Assert.Equal(ids, PostedSummaries.SummaryIds(envelope));
        Assert.False(string.IsNullOrEmpty(row));
    }

    public static TheoryData<string, string, string, HttpStatusCode, bool> Posts => new()
    {
        { "accepted by the hub", "POST", "/hub/collections/c/objects/", HttpStatusCode.Accepted, true },
        { "refused by the hub", "POST", "/hub/collections/c/objects/", HttpStatusCode.Forbidden, false },
        { "hub error", "POST", "/hub/collections/c/objects/", HttpStatusCode.InternalServerError, false },
        { "not an Add Objects request", "POST", "/hub/status/", HttpStatusCode.Accepted, false },
        { "a read", "GET", "/hub/collections/c/objects/", HttpStatusCode.OK, false },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Records_only_what_the_hub_acknowledged(string row, string method, string path, HttpStatusCode answer, bool recorded)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var posted = new PostedSummaries(new Answer(answer), clock);
        using var http = new HttpClient(posted);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("http://127.0.0.1:1" + path)) { Content = new StringContent(Envelope) };
        using var response = await http.SendAsync(request);

        Assert.Equal(answer, response.StatusCode);
        Assert.Equal(recorded ? 1 : 0, posted.Ids.Count);
        Assert.Equal(recorded ? clock.GetUtcNow() : null, posted.FirstAcceptedAt);
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public async Task The_first_acknowledgement_keeps_its_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var posted = new PostedSummaries(new Answer(HttpStatusCode.Accepted), clock);
        using var http = new HttpClient(posted);
        var first = clock.GetUtcNow();

        using (await http.PostAsync(new Uri("http://127.0.0.1:1/hub/collections/c/objects/"), new StringContent(Envelope)))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(3));
        using (await http.PostAsync(new Uri("http://127.0.0.1:1/hub/collections/c/objects/"), new StringContent(Envelope.Replace("6f0e7c1a", "7a1b2c3d", StringComparison.Ordinal))))
        {
        }

        Assert.Equal(first, posted.FirstAcceptedAt);
        Assert.Equal(2, posted.Ids.Count);
    }

    // The hub's answer, without a hub.
    private sealed class Answer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
