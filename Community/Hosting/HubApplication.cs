using Community.Admin;
using Community.Dashboard;
using Community.Retention;
using Community.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Community.Hosting;

/// <summary>Builds the hub's web application: Kestrel, the pipeline, TAXII, admin, members' API, dashboard, retention.</summary>
public static class HubApplication
{
    /// <summary>The application over <paramref name="services"/>.</summary>
    /// <param name="services">The hub.</param>
    /// <param name="urls">Listening URLs (e.g. http://127.0.0.1:8080); null for the defaults.</param>
    /// <param name="runRetention">Run the retention job every <see cref="HubOptions.RetentionInterval"/>.</param>
    /// <param name="configureWebHost">Extra web host configuration (tests use an in-memory server).</param>
    public static WebApplication Build(HubServices services, IEnumerable<string>? urls = null, bool runRetention = true, Action<IWebHostBuilder>? configureWebHost = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HubApplication).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(services.Core);
        builder.Services.AddSingleton(services.Retention);
        if (runRetention)
        {
            builder.Services.AddHostedService<RetentionService>();
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The handler enforces max_content_length (413); Kestrel's own cap sits above it.
            k.Limits.MaxRequestBodySize = services.Core.Options.MaxContentLengthBytes * 2;
        });
        if (urls is not null)
        {
            builder.WebHost.UseUrls([.. urls]);
        }

        configureWebHost?.Invoke(builder.WebHost);
        var app = builder.Build();
        HubPipeline.Use(app, services);
        TaxiiEndpoints.Map(app, services);
        AdminEndpoints.Map(app, services);
        MemberEndpoints.Map(app, services);
        app.MapGet("/dashboard", async ctx =>
        {
            var reader = TaxiiHttp.ReaderOf(ctx);
            if (reader.IsAnonymous)
            {
                ctx.Response.Headers.WWWAuthenticate = TaxiiHttp.BasicChallenge;
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            var model = await services.Dashboard.BuildAsync(reader, ctx.RequestAborted);
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(DashboardRenderer.Render(model), ctx.RequestAborted);
        });
        return app;
    }
}
