using System.Net;
using Bench.Hub;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Tests.Hub;

/// <summary>
/// The recorder under an OBU's TAXII client: only summaries the hub's answer lists among its status's successes
/// count (TAXII 2.1 §5.5: Add Objects answered with 202 and a status; §4.3.1: successes and failures), and the
/// first such answer is timed.
/// </summary>
public class PostedSummariesTests
{
    private const string SummaryId = "observed-data--6f0e7c1a-7c43-4b8e-9d0e-0c9b1a2d3e4f";
    private const string FileId = "file--2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e";

    private const string Envelope = """
        {"objects":[
          {"type":"observed-data","id":"observed-data--6f0e7c1a-7c43-4b8e-9d0e-0c9b1a2d3e4f","object_refs":["file--2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e"]},
          {"type":"file","id":"file--2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e","name":"rogue"}]}
        """;

    public static TheoryData<string, string, string[]> Envelopes => new()
    {
        { "a summary and its observable", Envelope, [SummaryId] },
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

    public static TheoryData<string, string, string, HttpStatusCode, string, bool> Posts => new()
    {
        { "accepted by the hub", "POST", "/hub/collections/c/objects/", HttpStatusCode.Accepted, Status([SummaryId, FileId], []), true },
        { "202 listing the summary under failures", "POST", "/hub/collections/c/objects/", HttpStatusCode.Accepted, Status([FileId], [SummaryId]), false },
        { "202 without a status body", "POST", "/hub/collections/c/objects/", HttpStatusCode.Accepted, "", false },
        { "202 with a body that is not JSON", "POST", "/hub/collections/c/objects/", HttpStatusCode.Accepted, "stored", false },
        { "refused by the hub", "POST", "/hub/collections/c/objects/", HttpStatusCode.Forbidden, Status([SummaryId], []), false },
        { "hub error", "POST", "/hub/collections/c/objects/", HttpStatusCode.InternalServerError, Status([SummaryId], []), false },
        { "not an Add Objects request", "POST", "/hub/status/", HttpStatusCode.Accepted, Status([SummaryId], []), false },
        { "a read", "GET", "/hub/collections/c/objects/", HttpStatusCode.OK, Status([SummaryId], []), false },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Records_only_what_the_hub_acknowledged(string row, string method, string path, HttpStatusCode answer, string status, bool recorded)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var posted = new PostedSummaries(new Answer(answer, status), clock);
        using var http = new HttpClient(posted);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("http://127.0.0.1:1" + path)) { Content = new StringContent(Envelope) };
        using var response = await http.SendAsync(request);

        Assert.Equal(answer, response.StatusCode);
        Assert.Equal(status, await response.Content.ReadAsStringAsync());
        Assert.Equal(recorded ? [SummaryId] : [], posted.Ids.ToArray());
        Assert.Equal(recorded ? clock.GetUtcNow() : null, posted.FirstAcceptedAt);
        Assert.False(string.IsNullOrEmpty(row));
    }

    [Fact]
    public async Task The_first_acknowledgement_keeps_its_time()
    {
        const string secondId = "observed-data--7a1b2c3d-7c43-4b8e-9d0e-0c9b1a2d3e4f";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var posted = new PostedSummaries(new Answer(HttpStatusCode.Accepted, Status([SummaryId, secondId, FileId], [])), clock);
        using var http = new HttpClient(posted);
        var first = clock.GetUtcNow();

        using (await http.PostAsync(new Uri("http://127.0.0.1:1/hub/collections/c/objects/"), new StringContent(Envelope)))
        {
        }

        clock.Advance(TimeSpan.FromSeconds(3));
        using (await http.PostAsync(new Uri("http://127.0.0.1:1/hub/collections/c/objects/"), new StringContent(Envelope.Replace(SummaryId, secondId, StringComparison.Ordinal))))
        {
        }

        Assert.Equal(first, posted.FirstAcceptedAt);
        Assert.Equal(2, posted.Ids.Count);
    }

    // A TAXII 2.1 §4.3.1 status resource with the §4.3.2 details of the stored and the refused objects.
    private static string Status(string[] successes, string[] failures) =>
        $$"""
        {"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"complete","total_count":{{successes.Length + failures.Length}},"success_count":{{successes.Length}},"failure_count":{{failures.Length}},"pending_count":0,
         "successes":[{{string.Join(",", successes.Select(id => $$"""{"id":"{{id}}","version":"2026-03-01T12:00:00.000Z"}"""))}}],
         "failures":[{{string.Join(",", failures.Select(id => $$"""{"id":"{{id}}","version":"2026-03-01T12:00:00.000Z","message":"refused"}"""))}}]}
        """;

    // The hub's answer, without a hub.
    private sealed class Answer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body) });
    }
}
