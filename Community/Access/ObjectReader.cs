using Community.Analysis;
using Community.Hosting;
using Community.Membership;
using Community.Storage;

namespace Community.Access;

/// <summary>
/// Reads what one reader may see of a collection, in date_added order, page by page: the store
/// query applies the TAXII filters, then <see cref="AccessPolicy"/> (TLP, X.1382 Table 1) and the
/// value-score filter apply per object, scanning on until the page is full so that <c>more</c> and
/// <c>next</c> stay exact.
/// </summary>
public sealed class ObjectReader
{
    private readonly HubCore _core;
    private readonly ValueScorer _scorer;

    public ObjectReader(HubCore core, ValueScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(scorer);
        _core = core;
        _scorer = scorer;
    }

    /// <summary>One page for <paramref name="reader"/>.</summary>
    public async Task<ReadPage> ReadAsync(Reader reader, ObjectQuery query, int limit, int? minScore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var organisations = await OrganisationsAsync(cancellationToken).ConfigureAwait(false);
        var nowUs = _core.NowUs;
        var visible = new List<ScoredObject>(limit);
        var batchSize = Math.Max(limit + 1, 256);
        var after = query.AfterDateAddedUs;
        while (true)
        {
            var rows = await _core.Store.QueryObjectsAsync(query with { AfterDateAddedUs = after, Limit = batchSize }, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (!AccessPolicy.CanSee(reader, row, organisations, _core.Routing))
                {
                    continue;
                }

                var score = Score(row, reader, organisations, nowUs);
                if (minScore is { } min && score < min)
                {
                    continue;
                }

                if (visible.Count == limit)
                {
                    return new ReadPage(visible, true, visible[^1].Object.DateAddedUs);
                }

                visible.Add(new ScoredObject(row, score));
            }

            if (rows.Count < batchSize)
            {
                return new ReadPage(visible, false, null);
            }

            after = rows[^1].DateAddedUs;
        }
    }

    /// <summary>The value score of <paramref name="row"/> for <paramref name="reader"/>.</summary>
    public int Score(StoredObject row, Reader reader, IReadOnlyDictionary<string, Organisation> organisations, long nowUs)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(organisations);
        return _scorer.Score(row, organisations.GetValueOrDefault(row.Producer), reader.Organisation, nowUs, _core.Options.HubOrganisationId);
    }

    /// <summary>All organisations by id (one query per request).</summary>
    public async Task<IReadOnlyDictionary<string, Organisation>> OrganisationsAsync(CancellationToken cancellationToken) =>
        (await _core.Store.ListOrganisationsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(o => o.Id, StringComparer.Ordinal);
}
