using System.Data.Common;
using Community.Admin;
using Community.Taxii;
using Cti.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Community.Hosting;

/// <summary>
/// The middleware in front of every endpoint: TAXII content negotiation (406, TAXII 2.1 §1.6.8),
/// authentication (401 for credentials that do not verify), TAXII error messages for unmatched
/// TAXII routes, and a last line of defence that turns any failure into one typed error answer
/// so the hub keeps serving.
/// </summary>
public static partial class HubPipeline
{
    /// <summary>Installs the middleware.</summary>
    public static void Use(WebApplication app, HubServices services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        var root = "/" + services.Core.Options.ApiRootName;
        var logger = app.Services.GetRequiredServiceOrNull<ILoggerFactory>()?.CreateLogger("Community.Hub");
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path;
            var isTaxii = path.StartsWithSegments("/taxii2") || path.StartsWithSegments(root);
            try
            {
                if (isTaxii && TaxiiMediaType.MatchAccept(ctx.Request.Headers.Accept.ToString()) != TaxiiMediaType.Match.Acceptable)
                {
                    await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status406NotAcceptable, "Not acceptable",
                        $"this server answers {TaxiiMediaType.Taxii21}; a bare {TaxiiMediaType.Taxii} means the same (TAXII 2.1 §1.6.8)");
                    return;
                }

                var reader = await services.Authenticator.AuthenticateAsync(ctx.Request.Headers.Authorization.ToString(), ctx.RequestAborted);
                if (reader is null)
                {
                    if (isTaxii)
                    {
                        await TaxiiHttp.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "Authentication failed", "the credentials do not verify");
                    }
                    else
                    {
                        ctx.Response.Headers.WWWAuthenticate = TaxiiHttp.BasicChallenge;
                        await JsonApi.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, "authentication failed");
                    }

                    return;
                }

                ctx.Items[TaxiiHttp.ReaderItem] = reader;
                await next(ctx);
                if (isTaxii && !ctx.Response.HasStarted && ctx.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
                {
                    await TaxiiHttp.ErrorAsync(ctx, ctx.Response.StatusCode,
                        ctx.Response.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "Method not allowed");
                }
            }
            catch (CommunityException e) when (!ctx.Response.HasStarted)
            {
                await Refuse(ctx, isTaxii, JsonApi.StatusOf(e.Kind), e.Message);
            }
            catch (Exception e) when (!ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested && e is DbException or InvalidOperationException or IOException or InvalidDataException or ArgumentException or FormatException or System.Text.Json.JsonException)
            {
                if (logger is not null)
                {
                    LogFailure(logger, e, ctx.Request.Method, ctx.Request.Path);
                }

                await Refuse(ctx, isTaxii, StatusCodes.Status500InternalServerError, "the hub could not complete the request; nothing was changed");
            }
        });
    }

    private static Task Refuse(HttpContext ctx, bool isTaxii, int status, string message) =>
        isTaxii ? TaxiiHttp.ErrorAsync(ctx, status, message) : JsonApi.ErrorAsync(ctx, status, message);

    private static T? GetRequiredServiceOrNull<T>(this IServiceProvider provider)
        where T : class => provider.GetService(typeof(T)) as T;

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
