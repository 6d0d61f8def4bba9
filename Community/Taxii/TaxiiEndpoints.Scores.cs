using Community.Authenticity;
using Community.Hosting;
using Microsoft.AspNetCore.Http;

namespace Community.Taxii;

public static partial class TaxiiEndpoints
{
    /// <summary>The path of the scores resource under a collection (a hub extension beside the TAXII endpoints).</summary>
    public const string ScoresSegment = "scores";

    // Hub extension: value scores (X.1382 Appendix II) and submission authenticity of what the reader may see, with
    // the objects endpoint's filters and paging (added_after, limit, next, match[id|type|version|spec_version],
    // min_value_score). The objects themselves are served as stored.
    private static async Task ScoresAsync(HttpContext ctx, HubServices services, string id)
    {
        if (await CollectionAccess.ResolveAsync(ctx, services.Core, id, write: false).ConfigureAwait(false) is not { } access ||
            await QueryAsync(ctx, services, defaultAllVersions: false).ConfigureAwait(false) is not { } query)
        {
            return;
        }

        var page = await ReadAsync(services, access, query, query.ToStoreQuery(access.Collection.Id), ctx.RequestAborted).ConfigureAwait(false);
        var records = page.Objects.Select(s => new ScoreRecord(
            s.Object.StixId,
            VersionText.Of(s.Object),
            Ts(s.Object.DateAddedUs),
            s.Score,
            AuthenticityName(s.Object.Authenticity))).ToList();
        TaxiiHttp.DateAddedHeaders(ctx, page.Objects.FirstOrDefault()?.Object.DateAddedUs, page.Objects.LastOrDefault()?.Object.DateAddedUs);
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK,
                records.Count == 0 ? new ScoresResource() : new ScoresResource(page.More, Next(page), records),
                CommunityJsonContext.Wire.ScoresResource)
            .ConfigureAwait(false);
    }

    /// <summary>The wire name of an authenticity, null when not checked.</summary>
    public static string? AuthenticityName(SubmissionAuthenticity authenticity) => authenticity switch
    {
        SubmissionAuthenticity.Verified => "verified",
        SubmissionAuthenticity.Unsigned => "unsigned",
        SubmissionAuthenticity.Invalid => "invalid",
        _ => null,
    };
}
