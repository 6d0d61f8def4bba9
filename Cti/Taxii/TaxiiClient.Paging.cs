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
    public async IAsyncEnumerable<TaxiiObjectPage> PollAsync(
        string collectionId,
        TaxiiObjectQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pageSize = (query?.Limit).GetValueOrDefault(_options.PageSize);
        var start = (query ?? new TaxiiObjectQuery()) with { Limit = pageSize };
        var cursor = new PageCursor(_options.MaxPagesWithoutProgress);
        var current = start;
        while (true)
        {
            TaxiiObjectPage page;
            try
            {
                page = await GetObjectsAsync(collectionId, current, retryHttpErrors: current.Next is null, cancellationToken).ConfigureAwait(false);
            }
            catch (TaxiiClientException e) when (current.Next is not null && IsRefusedNext(e))
            {
                // TAXII 2.1 §3.4: a server may expire next (after 30 s, say); resume from date_added instead of giving up.
                current = cursor.Resume(start, pageSize);
                continue;
            }

            var fresh = cursor.Accept(page.Objects.Select(ObjectKey).ToList(), page.DateAddedLast);
            if (fresh.Count > 0)
            {
                var objects = fresh.Count == page.Objects.Count ? page.Objects : fresh.Select(i => page.Objects[i]).ToList();
                yield return page with { Objects = objects, ResumeAfter = cursor.ResumeAfter(page.More) };
            }

            if (!page.More)
            {
                yield break;
            }

            current = page.Next is { } next ? current with { Next = next } : cursor.Resume(start, pageSize);
        }
    }

    /// <summary>
    /// Pages through a collection's manifest (TAXII 2.1 §5.3) as <see cref="PollAsync"/> pages objects: following the
    /// <c>next</c> the server sends (TAXII 2.1 names none for manifests; servers do), resuming from date_added when
    /// there is none or it is refused, and yielding each record (id and version) once.
    /// </summary>
    /// <exception cref="TaxiiClientException">The server refused, or paged without progress.</exception>
    public async IAsyncEnumerable<TaxiiManifestPage> PollManifestAsync(
        string collectionId,
        TaxiiObjectQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pageSize = (query?.Limit).GetValueOrDefault(_options.PageSize);
        var start = (query ?? new TaxiiObjectQuery()) with { Limit = pageSize };
        var cursor = new PageCursor(_options.MaxPagesWithoutProgress);
        var current = start;
        while (true)
        {
            TaxiiManifestPage page;
            try
            {
                page = await GetManifestAsync(collectionId, current, retryHttpErrors: current.Next is null, cancellationToken).ConfigureAwait(false);
            }
            catch (TaxiiClientException e) when (current.Next is not null && IsRefusedNext(e))
            {
                current = cursor.Resume(start, pageSize);
                continue;
            }

            // Manifest records carry their date_added; the header, when sent, says the same for the page.
            var last = page.DateAddedLast ?? page.Records.Select(r => StixTimestamp.TryParse(r.DateAdded, out var t) ? t : (DateTimeOffset?)null).Max();
            var fresh = cursor.Accept(page.Records.Select(r => r.Id + "|" + r.Version).ToList(), last);
            if (fresh.Count > 0)
            {
                var records = fresh.Count == page.Records.Count ? page.Records : fresh.Select(i => page.Records[i]).ToList();
                yield return page with { Records = records };
            }

            if (!page.More)
            {
                yield break;
            }

            current = page.Next is { } next ? current with { Next = next } : cursor.Resume(start, pageSize);
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
}
