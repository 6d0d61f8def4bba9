using System.Text.Json.Nodes;
using Cti.Taxii;
using Cti.Tests.Taxii.Server;

namespace Cti.Tests.Taxii;

/// <summary>
/// The client's paging (TAXII 2.1 §3.4) against a scripted TAXII server over real loopback HTTP, one row per
/// server behaviour met in independent implementations: every object or manifest record arrives exactly once.
/// </summary>
public sealed class TaxiiPagingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int, int, int?, ServerBehaviour> ObjectRows => new()
    {
        { "unique next per page", 250, 1, 100, new ServerBehaviour() },
        { "one opaque next repeated on every page", 250, 1, 100, new ServerBehaviour { OneTokenPerQuery = true } },
        { "no limit given, server fails next without one", 250, 1, null, new ServerBehaviour { OneTokenPerQuery = true, NextRequiresLimit = true } },
        { "next expires (400), date_added shared by 7", 500, 7, 100, new ServerBehaviour { NextExpiresAfterUses = 1 } },
        { "next expires (404), date_added shared by 7", 500, 7, 100, new ServerBehaviour { NextExpiresAfterUses = 2, RefusedNextStatus = 404 } },
        { "next refused with 500", 500, 7, 100, new ServerBehaviour { NextExpiresAfterUses = 1, RefusedNextStatus = 500 } },
        { "more without next, date_added shared by 7", 500, 7, 100, new ServerBehaviour { OmitNext = true } },
        { "empty page with more between pages", 250, 1, 100, new ServerBehaviour { EmptyPageBetween = true, OneTokenPerQuery = true } },
        { "server caps the page below the limit asked", 250, 3, 1000, new ServerBehaviour { MaxLimit = 40 } },
    };

    [Theory]
    [MemberData(nameof(ObjectRows))]
    public async Task Polls_every_object_exactly_once(string name, int count, int sharing, int? limit, ServerBehaviour behaviour)
    {
        var items = ScriptedTaxiiServer.Notes(count, sharing, T0);
        await using var server = new ScriptedTaxiiServer(items, behaviour);
        using var http = new HttpClient();
        var client = Client(http, server, pageSize: 50);

        var received = new List<string>();
        TaxiiObjectPage? lastPage = null;
        await foreach (var page in client.PollAsync("c1", new TaxiiObjectQuery { Limit = limit }))
        {
            received.AddRange(page.Objects.Select(o => (string)o["id"]!));
            lastPage = page;
        }

        Assert.True(count == received.Count, $"{name}: {received.Count} objects received for {count}");
        Assert.True(count == received.Distinct().Count(), $"{name}: duplicates");
        Assert.True(server.Requests.All(r => r.Query.ContainsKey("limit")), $"{name}: a request without limit");
        Assert.Equal(items[^1].Item2, lastPage!.ResumeAfter);
    }

    [Fact]
    public async Task A_refused_next_resumes_from_just_before_the_last_date_added_and_is_not_retried()
    {
        var items = ScriptedTaxiiServer.Notes(300, 7, T0);
        await using var server = new ScriptedTaxiiServer(items, new ServerBehaviour { NextExpiresAfterUses = 1, RefusedNextStatus = 503 });
        using var http = new HttpClient();

        var received = new List<string>();
        await foreach (var page in Client(http, server, pageSize: 100).PollAsync("c1"))
        {
            received.AddRange(page.Objects.Select(o => (string)o["id"]!));
        }

        var requests = server.Requests;
        Assert.Equal(300, received.Distinct().Count());
        // Page 1 ends on object 99, whose date_added (group 14) continues on page 2: the resume starts 1 µs before it.
        var refused = requests.Select((r, i) => (r, i)).First(x => x.r.Query.ContainsKey("next") && x.i > 1).i;
        Assert.Equal("2025-03-01T12:00:00.027999Z", requests[refused + 1].Query["added_after"]);
        Assert.False(requests[refused + 1].Query.ContainsKey("next"));
        // A 503 to a next is a refusal, not a transient failure: the same next is never sent twice in a row.
        var nexts = requests.Select(r => r.Query.GetValueOrDefault("next")).ToList();
        Assert.DoesNotContain(nexts.Zip(nexts.Skip(1)), p => p.First is not null && p.First == p.Second);
    }

    public static TheoryData<string, ServerBehaviour> ManifestRows => new()
    {
        { "manifest with next", new ServerBehaviour() },
        { "manifest with one repeated next", new ServerBehaviour { OneTokenPerQuery = true } },
        { "manifest more without next", new ServerBehaviour { OmitNext = true } },
        { "manifest next expires", new ServerBehaviour { NextExpiresAfterUses = 1 } },
        { "manifest without date_added headers", new ServerBehaviour { OmitNext = true, DateAddedHeaders = false } },
    };

    [Theory]
    [MemberData(nameof(ManifestRows))]
    public async Task Pages_a_manifest_without_losing_records_that_share_a_date_added(string name, ServerBehaviour behaviour)
    {
        // 500 records, date_added shared by 7: paging by added_after = last date_added alone lost 399 of them.
        var items = ScriptedTaxiiServer.Notes(500, 7, T0);
        await using var server = new ScriptedTaxiiServer(items, behaviour);
        using var http = new HttpClient();

        var records = new List<TaxiiManifestRecord>();
        await foreach (var page in Client(http, server, pageSize: 100).PollManifestAsync("c1"))
        {
            records.AddRange(page.Records);
        }

        Assert.True(500 == records.Count, $"{name}: {records.Count} records");
        Assert.True(500 == records.Select(r => r.Id).Distinct().Count(), $"{name}: duplicates");
    }

    [Fact]
    public async Task Follows_the_manifest_next()
    {
        await using var server = new ScriptedTaxiiServer(ScriptedTaxiiServer.Notes(250, 1, T0), new ServerBehaviour());
        using var http = new HttpClient();
        var pages = new List<TaxiiManifestPage>();
        await foreach (var page in Client(http, server, pageSize: 100).PollManifestAsync("c1"))
        {
            pages.Add(page);
        }

        Assert.Equal([100, 100, 50], pages.Select(p => p.Records.Count));
        Assert.Equal([false, true, true], server.Requests.Select(r => r.Query.ContainsKey("next")));
        Assert.Equal(server.Requests[1].Query["next"], pages[0].Next);
    }

    private static TaxiiClient Client(HttpClient http, ScriptedTaxiiServer server, int pageSize) => new(
        http,
        new TaxiiClientOptions
        {
            ApiRoot = server.ApiRoot,
            PageSize = pageSize,
            Retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40), 2),
        },
        TimeProvider.System);
}
