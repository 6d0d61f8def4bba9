using Community.Hosting;
using Community.Membership;
using Community.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Community.Admin;

/// <summary>
/// What a member organisation does for itself (ITU-T X.1382 §8.4): see which sub-communities exist,
/// ask to join one with the rights it wants, leave one freely.
/// </summary>
public static class MemberEndpoints
{
    /// <summary>Maps the API under /community.</summary>
    public static void Map(IEndpointRouteBuilder app, HubServices services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        var json = CommunityJsonContext.Default;
        app.MapGet("/community/me", Member(async (ctx, org) => await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(org))));
        app.MapGet("/community/collections", Member(async (ctx, org) =>
        {
            var memberships = (await services.Core.Store.ListMembershipsAsync(null, org.Id, ctx.RequestAborted)).ToDictionary(x => x.CollectionId);
            var list = (await services.Core.Store.ListCollectionsAsync(ctx.RequestAborted)).Select(c =>
            {
                var mine = memberships.GetValueOrDefault(c.Id);
                return new JoinableCollectionView(c.Id, c.Title, c.Description, c.PublicRead, mine?.State.ToString().ToLowerInvariant(), mine?.CanRead ?? false, mine?.CanWrite ?? false);
            }).ToList();
            await JsonApi.WriteAsync(ctx, 200, list);
        }));
        app.MapPost("/community/collections/{cid}/join", Member(async (ctx, org) =>
        {
            // Always read the body: a chunked one has no Content-Length. No body asks to read only.
            var rights = await JsonApi.ReadOptionalAsync(ctx, json.RightsRequest) ?? new RightsRequest(true, false);
            var membership = await services.Membership.RequestJoinAsync(org.Id, (string)ctx.Request.RouteValues["cid"]!, rights.CanRead ?? false, rights.CanWrite ?? false, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 202, AdminViews.ToView(membership));
        }));
        app.MapPost("/community/collections/{cid}/leave", Member(async (ctx, org) =>
        {
            await services.Membership.LeaveAsync(org.Id, (string)ctx.Request.RouteValues["cid"]!, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, new MessageView("left the collection"));
        }));
    }

    private static RequestDelegate Member(Func<HttpContext, Organisation, Task> handler) => async ctx =>
    {
        if (TaxiiHttp.ReaderOf(ctx).Organisation is not { } org)
        {
            ctx.Response.Headers.WWWAuthenticate = TaxiiHttp.BasicChallenge;
            await JsonApi.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "authentication required");
            return;
        }

        await handler(ctx, org);
    };
}
