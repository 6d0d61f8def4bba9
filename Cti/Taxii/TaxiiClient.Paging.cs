using System.Net;
using System.Runtime.CompilerServices;
using Cti.Stix;

namespace Cti.Taxii;

public sealed partial class TaxiiClient
{
    /// <summary>
    /// Polls a collection: pages through every object matching <paramref name="query"/> (TAXII 2.1 §3.4). Every
    /// request names a page size (the query's, else <see cref="TaxiiClientOptions.PageSize"/>). <c>next</c> is
    /// followed as an opaque token: a server may repeat it (one token per query) or send an empty page while
    /// claiming more, and progress is judged by the objects and date_added received. When the server refuses a
    /// <c>next</c> (expired, unknown, or an error status), the poll resumes losslessly from the last complete
    /// date_added and drops what it already yielded (by id and version); a server that claims more without a
    /// <c>next</c> is paged the same way. Yields only pages holding objects not yielded before; keep the last page's
    /// <see cref="TaxiiObjectPage.ResumeAfter"/> as the next poll's <see cref="TaxiiObjectQuery.AddedAfter"/>.
    /// </summary>
    /// <exception cref="TaxiiClientException">The server refused, or paged without progress.</exception>
    public IAsyncEnumerable<TaxiiObjectPage> PollAsync(string collectionId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default) =>
        PageThroughAsync(
            query,
            (current, retry, ct) => GetObjectsAsync(collectionId, current, retry, ct),
            page => new PageView(page.Objects.Select(ObjectKey).ToList(), page.DateAddedLast, page.More, page.Next),
            (page, fresh, resumeAfter) => page with
            {
                Objects = fresh.Count == page.Objects.Count ? page.Objects : fresh.Select(i => page.Objects[i]).ToList(),
                ResumeAfter = resumeAfter,
            },
            cancellationToken);

    /// <summary>
    /// Pages through a collection's manifest (TAXII 2.1 §5.3) as <see cref="PollAsync"/> pages objects: following the
    /// <c>next</c> the server sends (TAXII 2.1 names none for manifests; servers do), resuming from date_added when
    /// there is none or it is refused, and yielding each record (id and version) once.
    /// </summary>
    /// <exception cref="TaxiiClientException">The server refused, or paged without progress.</exception>
    public IAsyncEnumerable<TaxiiManifestPage> PollManifestAsync(string collectionId, TaxiiObjectQuery? query = null, CancellationToken cancellationToken = default) =>
        PageThroughAsync(
            query,
            (current, retry, ct) => GetManifestAsync(collectionId, current, retry, ct),

            // Manifest records carry their date_added; the header, when sent, says the same for the page.
            page => new PageView(
                page.Records.Select(r => r.Id + "|" + r.Version).ToList(),
                page.DateAddedLast ?? page.Records.Select(r => StixTimestamp.TryParse(r.DateAdded, out var t) ? t : (DateTimeOffset?)null).Max(),
                page.More,
                page.Next),
            (page, fresh, _) => page with { Records = fresh.Count == page.Records.Count ? page.Records : fresh.Select(i => page.Records[i]).ToList() },
            cancellationToken);

    // The one paging loop of PollAsync and PollManifestAsync (TAXII 2.1 §3.4, §3.5): every request names a page size;
    // next is followed as an opaque token, and a refused next, or more without a next, resumes from date_added; only
    // pages holding items not yielded before are yielded, trimmed to those items.
    private async IAsyncEnumerable<TPage> PageThroughAsync<TPage>(
        TaxiiObjectQuery? query,
        Func<TaxiiObjectQuery, bool, CancellationToken, Task<TPage>> fetch,
        Func<TPage, PageView> view,
        Func<TPage, IReadOnlyList<int>, DateTimeOffset?, TPage> trim,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = (query?.Limit).GetValueOrDefault(_options.PageSize);
        var start = (query ?? new TaxiiObjectQuery()) with { Limit = pageSize };
        var cursor = new PageCursor(_options.MaxPagesWithoutProgress);
        var current = start;
        while (true)
        {
            TPage page;
            try
            {
                page = await fetch(current, current.Next is null, cancellationToken).ConfigureAwait(false);
            }
            catch (TaxiiClientException e) when (current.Next is not null && IsRefusedNext(e))
            {
                // TAXII 2.1 §3.4: a server may expire next (after 30 s, say); resume from date_added instead of giving up.
                current = cursor.Resume(start, pageSize);
                continue;
            }

            var shape = view(page);
            var fresh = cursor.Accept(shape.Keys, shape.DateAddedLast);
            if (fresh.Count > 0)
            {
                yield return trim(page, fresh, cursor.ResumeAfter(shape.More));
            }

            if (!shape.More)
            {
                yield break;
            }

            current = shape.Next is { } next ? current with { Next = next } : cursor.Resume(start, pageSize);
        }
    }

    private async Task<TaxiiObjectPage> GetObjectsAsync(string collectionId, TaxiiObjectQuery query, bool retryHttpErrors, CancellationToken cancellationToken)
    {
        var url = Relative($"collections/{Segment(collectionId)}/objects/{query.ToQueryString()}");
        var (body, headers) = await GetAsync(url, retryHttpErrors, cancellationToken).ConfigureAwait(false);
        var envelope = Deserialize(body, TaxiiJsonContext.Default.TaxiiEnvelope);
        return new TaxiiObjectPage(Objects(envelope), envelope.More ?? false, envelope.Next, First(headers), Last(headers));
    }

    // An answer to a request carrying next that says the token is no good (400, 404, 410, a 5xx, ...). Authentication,
    // authorisation and media-type refusals are not about next and end the poll.
    private static bool IsRefusedNext(TaxiiClientException e) =>
        e.StatusCode is { } status && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotAcceptable);

    // STIX 2.1 §3.6: an object version is its id and modified (created for objects without modified; none for SCOs).
    private static string ObjectKey(System.Text.Json.Nodes.JsonObject o) =>
        (StixObject.GetString(o, "id") ?? string.Empty) + "|" + (StixObject.GetString(o, "modified") ?? StixObject.GetString(o, "created") ?? string.Empty);

    // What the paging loop needs of a page: each item's key (id and version), the page's last date_added, more, next.
    private readonly record struct PageView(IReadOnlyList<string> Keys, DateTimeOffset? DateAddedLast, bool More, string? Next);
}
