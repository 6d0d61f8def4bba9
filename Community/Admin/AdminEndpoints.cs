using System.Globalization;
using Community.Hosting;
using Community.Membership;
using Community.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Community.Admin;

/// <summary>
/// The administrator's JSON API: organisations, credentials, reputation, collections and their
/// policies, subscription verification (X.1382 §8.3 e), false-alarm rules, the threat routing
/// (Table 1), merged anomalies (revocation), the retention job and the audit log. Only
/// organisations flagged administrator may call it.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the API under /admin.</summary>
    public static void Map(IEndpointRouteBuilder app, HubServices services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        var m = services.Membership;
        var ctxJson = CommunityJsonContext.Default;

        Get(app, "/admin/organisations", async ctx =>
            await JsonApi.WriteAsync(ctx, 200, (await services.Core.Store.ListOrganisationsAsync(ctx.RequestAborted)).Select(AdminViews.ToView).ToList()));
        Put(app, "/admin/organisations/{id}", async ctx =>
        {
            var request = await JsonApi.ReadAsync(ctx, ctxJson.OrganisationRequest);
            var org = await m.UpsertOrganisationAsync(request with { Id = Route(ctx, "id") }, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(org));
        });
        Post(app, "/admin/organisations/{id}/credentials", async ctx =>
        {
            var request = await JsonApi.ReadAsync(ctx, ctxJson.CredentialRequest);
            await m.SetCredentialAsync(Route(ctx, "id"), request, ctx.RequestAborted);
            services.Authenticator.Forget(request.Username);
            await JsonApi.WriteAsync(ctx, 200, new MessageView("credentials set"));
        });
        Put(app, "/admin/organisations/{id}/reputation", async ctx =>
        {
            var request = await JsonApi.ReadAsync(ctx, ctxJson.ReputationRequest);
            var org = await m.SetReputationAsync(Route(ctx, "id"), request.Reputation, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(org));
        });
        Get(app, "/admin/collections", async ctx =>
            await JsonApi.WriteAsync(ctx, 200, (await services.Core.Store.ListCollectionsAsync(ctx.RequestAborted)).Select(AdminViews.ToView).ToList()));
        Post(app, "/admin/collections", async ctx =>
        {
            var collection = await m.UpsertCollectionAsync(await JsonApi.ReadAsync(ctx, ctxJson.CollectionRequest), ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 201, AdminViews.ToView(collection));
        });
        Put(app, "/admin/collections/{cid}", async ctx =>
        {
            var request = await JsonApi.ReadAsync(ctx, ctxJson.CollectionRequest);
            await m.RequireCollectionAsync(Route(ctx, "cid"), ctx.RequestAborted);
            var collection = await m.UpsertCollectionAsync(request with { Id = Route(ctx, "cid") }, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(collection));
        });
        Get(app, "/admin/memberships", async ctx =>
        {
            var all = await services.Core.Store.ListMembershipsAsync(null, null, ctx.RequestAborted);
            var state = ctx.Request.Query["state"].ToString();
            var selected = state.Length == 0 ? all : all.Where(x => string.Equals(x.State.ToString(), state, StringComparison.OrdinalIgnoreCase)).ToList();
            await JsonApi.WriteAsync(ctx, 200, selected.Select(AdminViews.ToView).ToList());
        });
        Post(app, "/admin/collections/{cid}/members/{org}/approve", async ctx =>
        {
            // Always read the body: a chunked body has no Content-Length, and skipping it would grant the requested rights.
            var rights = await JsonApi.ReadOptionalAsync(ctx, ctxJson.RightsRequest);
            var membership = await m.ApproveAsync(Route(ctx, "cid"), Route(ctx, "org"), rights, Actor(ctx), ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(membership));
        });
        Post(app, "/admin/collections/{cid}/members/{org}/reject", async ctx =>
        {
            var membership = await m.RejectAsync(Route(ctx, "cid"), Route(ctx, "org"), Actor(ctx), ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, AdminViews.ToView(membership));
        });
        Get(app, "/admin/rules", async ctx =>
            await JsonApi.WriteAsync(ctx, 200, (await services.Core.Store.ListRulesAsync(ctx.RequestAborted)).ToList()));
        Post(app, "/admin/rules", async ctx =>
        {
            var rule = await m.AddRuleAsync(await JsonApi.ReadAsync(ctx, ctxJson.RuleRequest), ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 201, rule);
        });
        Delete(app, "/admin/rules/{id}", async ctx =>
        {
            if (!await services.Core.Store.DeleteRuleAsync(Route(ctx, "id"), ctx.RequestAborted))
            {
                throw new CommunityException(CommunityErrorKind.NotFound, "no such rule");
            }

            await JsonApi.WriteAsync(ctx, 200, new MessageView("rule removed"));
        });
        Get(app, "/admin/threat-routing", async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(services.Core.Routing.ToJson(), ctx.RequestAborted);
        });
        Put(app, "/admin/threat-routing", async ctx =>
        {
            await m.SetThreatRoutingAsync(await JsonApi.ReadTextAsync(ctx), ctx.RequestAborted);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(services.Core.Routing.ToJson(), ctx.RequestAborted);
        });
        Get(app, "/admin/anomalies", async ctx =>
        {
            var ids = (await services.Core.Store.ListCollectionsAsync(ctx.RequestAborted)).Select(c => c.Id).ToList();
            var groups = await services.Core.Store.TopAnomalyGroupsAsync(ids, 100, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, groups.Select(AdminViews.ToView).ToList());
        });
        Post(app, "/admin/collections/{cid}/anomalies/{signature}/revoke", async ctx =>
        {
            var request = await JsonApi.ReadAsync(ctx, ctxJson.RevokeRequest);
            var count = await m.RevokeAnomalyAsync(Route(ctx, "cid"), Route(ctx, "signature"), request.Reason, Actor(ctx), services.Merger, ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, new MessageView($"revoked {count} merged anomal{(count == 1 ? "y" : "ies")}"));
        });
        Post(app, "/admin/retention/run", async ctx =>
        {
            var report = await services.Retention.RunOnceAsync(ctx.RequestAborted);
            await JsonApi.WriteAsync(ctx, 200, new RetentionReportView(report.ErasedVersions, report.ErasedGroups, report.StatusesPurged, Cti.Stix.StixTimestamp.Format(report.At)));
        });
        Get(app, "/admin/audit", async ctx =>
        {
            long.TryParse(ctx.Request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var after);
            var limit = int.TryParse(ctx.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 10_000) : 1000;
            await JsonApi.WriteAsync(ctx, 200, (await services.Core.Store.ListAuditAsync(after, limit, ctx.RequestAborted)).ToList());
        });
    }

    private static string Route(HttpContext ctx, string name) => (string)ctx.Request.RouteValues[name]!;

    private static string Actor(HttpContext ctx) => TaxiiHttp.ReaderOf(ctx).Organisation!.Id;

    private static void Get(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Task> handler) => app.MapGet(pattern, Guard(handler));

    private static void Post(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Task> handler) => app.MapPost(pattern, Guard(handler));

    private static void Put(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Task> handler) => app.MapPut(pattern, Guard(handler));

    private static void Delete(IEndpointRouteBuilder app, string pattern, Func<HttpContext, Task> handler) => app.MapDelete(pattern, Guard(handler));

    // Only administrators; 401 without credentials, 403 for other members.
    private static RequestDelegate Guard(Func<HttpContext, Task> handler) => async ctx =>
    {
        var reader = TaxiiHttp.ReaderOf(ctx);
        if (reader.IsAnonymous)
        {
            ctx.Response.Headers.WWWAuthenticate = TaxiiHttp.BasicChallenge;
            await JsonApi.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "authentication required");
            return;
        }

        if (!reader.Organisation!.IsAdministrator)
        {
            await JsonApi.ErrorAsync(ctx, StatusCodes.Status403Forbidden, "administrators only");
            return;
        }

        await handler(ctx);
    };
}
