using System.Text.Json;
using Community.Hosting;
using Community.Membership;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Community.Taxii;

/// <summary>The TAXII 2.1 endpoints (OASIS TAXII 2.1 §4 and §5) of the hub's one API root.</summary>
public static partial class TaxiiEndpoints
{
    /// <summary>Maps every endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app, HubServices services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        var root = "/" + services.Core.Options.ApiRootName;
        app.MapGet("/taxii2/", ctx => DiscoveryAsync(ctx, services));
        app.MapGet(root + "/", ctx => ApiRootAsync(ctx, services));
        app.MapGet(root + "/status/{statusId}/", ctx => StatusAsync(ctx, services, (string)ctx.Request.RouteValues["statusId"]!));
        app.MapGet(root + "/collections/", ctx => CollectionsAsync(ctx, services));
        app.MapGet(root + "/collections/{id}/", ctx => CollectionAsync(ctx, services, Id(ctx)));
        app.MapGet(root + "/collections/{id}/manifest/", ctx => ManifestAsync(ctx, services, Id(ctx)));
        app.MapGet(root + "/collections/{id}/" + ScoresSegment + "/", ctx => ScoresAsync(ctx, services, Id(ctx)));
        app.MapGet(root + "/collections/{id}/objects/", ctx => GetObjectsAsync(ctx, services, Id(ctx)));
        app.MapPost(root + "/collections/{id}/objects/", ctx => AddObjectsAsync(ctx, services, Id(ctx)));
        app.MapGet(root + "/collections/{id}/objects/{objectId}/", ctx => GetObjectAsync(ctx, services, Id(ctx), ObjectId(ctx)));
        app.MapDelete(root + "/collections/{id}/objects/{objectId}/", ctx => DeleteObjectAsync(ctx, services, Id(ctx), ObjectId(ctx)));
        app.MapGet(root + "/collections/{id}/objects/{objectId}/versions/", ctx => VersionsAsync(ctx, services, Id(ctx), ObjectId(ctx)));
    }

    private static string Id(HttpContext ctx) => (string)ctx.Request.RouteValues["id"]!;

    private static string ObjectId(HttpContext ctx) => (string)ctx.Request.RouteValues["objectId"]!;

    // TAXII 2.1 §4.1: Server Discovery.
    private static Task DiscoveryAsync(HttpContext ctx, HubServices services)
    {
        var o = services.Core.Options;
        var rootUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}/{o.ApiRootName}/";
        return TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK, new TaxiiDiscovery(o.Title, o.Description, o.Contact, rootUrl, [rootUrl]));
    }

    // TAXII 2.1 §4.2: Get API Root Information.
    private static Task ApiRootAsync(HttpContext ctx, HubServices services)
    {
        var o = services.Core.Options;
        return TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK, new TaxiiApiRoot(o.Title, [TaxiiMediaType.Taxii21], o.MaxContentLengthBytes, o.Description));
    }

    // TAXII 2.1 §4.3: Get Status; kept at least 24 h and shown only to the organisation that posted.
    private static async Task StatusAsync(HttpContext ctx, HubServices services, string statusId)
    {
        var reader = TaxiiHttp.ReaderOf(ctx);
        if (reader.IsAnonymous)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "Authentication required").ConfigureAwait(false);
            return;
        }

        var record = await services.Core.Store.GetStatusAsync(statusId, ctx.RequestAborted).ConfigureAwait(false);
        if (record is null || record.OrganisationId != reader.Organisation!.Id || record.ExpiresUs <= services.Core.NowUs)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Status not found").ConfigureAwait(false);
            return;
        }

        var status = JsonSerializer.Deserialize(record.Json, TaxiiJsonContext.Default.TaxiiStatus)!;
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK, status).ConfigureAwait(false);
    }

    // TAXII 2.1 §5.1: Get Collections, those the reader may read or write (and public ones).
    private static async Task CollectionsAsync(HttpContext ctx, HubServices services)
    {
        var visible = await VisibleCollectionsAsync(ctx, services).ConfigureAwait(false);
        await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK, new TaxiiCollections(visible.Count == 0 ? null : visible))
            .ConfigureAwait(false);
    }

    // TAXII 2.1 §5.2: Get A Collection.
    private static async Task CollectionAsync(HttpContext ctx, HubServices services, string id)
    {
        var reader = TaxiiHttp.ReaderOf(ctx);
        var visible = (await VisibleCollectionsAsync(ctx, services).ConfigureAwait(false)).FirstOrDefault(c => c.Id == id);
        if (visible is not null)
        {
            await TaxiiHttp.WriteAsync(ctx, StatusCodes.Status200OK, visible).ConfigureAwait(false);
            return;
        }

        var exists = await services.Core.Store.GetCollectionAsync(id, ctx.RequestAborted).ConfigureAwait(false) is not null;
        if (exists && reader.IsAnonymous)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "Authentication required").ConfigureAwait(false);
            return;
        }

        var applicant = exists && reader.Organisation is { } org &&
                        await services.Core.Store.GetMembershipAsync(id, org.Id, ctx.RequestAborted).ConfigureAwait(false) is not null;
        await (applicant
            ? TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status403Forbidden, "No access to this collection", "your request to join awaits an administrator's approval (ITU-T X.1382 §8.3 e)")
            : TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status404NotFound, "Collection not found")).ConfigureAwait(false);
    }

    private static async Task<List<TaxiiCollection>> VisibleCollectionsAsync(HttpContext ctx, HubServices services)
    {
        var reader = TaxiiHttp.ReaderOf(ctx);
        var memberships = reader.Organisation is { } org
            ? (await services.Core.Store.ListMembershipsAsync(null, org.Id, ctx.RequestAborted).ConfigureAwait(false)).ToDictionary(m => m.CollectionId)
            : [];
        var result = new List<TaxiiCollection>();
        foreach (var c in await services.Core.Store.ListCollectionsAsync(ctx.RequestAborted).ConfigureAwait(false))
        {
            var m = memberships.GetValueOrDefault(c.Id);
            var canRead = m?.MayRead == true || c.PublicRead;
            var canWrite = m?.MayWrite == true;
            if (canRead || canWrite)
            {
                result.Add(new TaxiiCollection(c.Id, c.Title, canRead, canWrite, c.Description, c.Alias, [TaxiiMediaType.Stix21]));
            }
        }

        return result;
    }

    private static async Task<TaxiiQuery?> QueryAsync(HttpContext ctx, HubServices services, bool defaultAllVersions)
    {
        var o = services.Core.Options;
        var query = TaxiiQuery.Parse(ctx.Request.Query, o.DefaultPageSize, o.MaxPageSize, defaultAllVersions, out var error);
        if (query is null)
        {
            await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status400BadRequest, "Bad query parameter", error).ConfigureAwait(false);
        }

        return query;
    }

    internal static bool IsHubOrganisation(HubServices services, Organisation? organisation) =>
        organisation?.Id == services.Core.Options.HubOrganisationId;
}
