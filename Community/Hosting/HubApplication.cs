using System.Security.Cryptography.X509Certificates;
using Community.Admin;
using Community.Dashboard;
using Community.Retention;
using Community.Taxii;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Community.Hosting;

/// <summary>Builds the hub's web application: Kestrel, the pipeline, TAXII, admin, members' API, dashboard, retention.</summary>
public static class HubApplication
{
    /// <summary>The application over <paramref name="services"/>.</summary>
    /// <param name="services">The hub.</param>
    /// <param name="urls">
    /// Listening URLs: https://HOST:PORT with <paramref name="tlsCertificate"/>; http://… only when asked for explicitly,
    /// and only on a loopback address (127.0.0.1, [::1], localhost). Null for none (tests on an in-memory server).
    /// </param>
    /// <param name="runRetention">Run the retention job every <see cref="HubOptions.RetentionInterval"/>.</param>
    /// <param name="configureWebHost">Extra web host configuration (tests use an in-memory server).</param>
    /// <param name="tlsCertificate">The server certificate with its private key, for the https URLs.</param>
    /// <exception cref="ArgumentException">An http URL off loopback, an https URL without a certificate, or another scheme.</exception>
    public static WebApplication Build(HubServices services, IEnumerable<string>? urls = null, bool runRetention = true, Action<IWebHostBuilder>? configureWebHost = null,
        X509Certificate2? tlsCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var listen = urls?.ToList();
        CheckUrls(listen, tlsCertificate);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HubApplication).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(services.Core);
        builder.Services.AddSingleton(services.Retention);
        if (runRetention)
        {
            builder.Services.AddHostedService<RetentionService>();
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The handler enforces max_content_length (413); Kestrel's own cap sits above it.
            k.Limits.MaxRequestBodySize = services.Core.Options.MaxContentLengthBytes * 2;
            if (tlsCertificate is not null)
            {
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = tlsCertificate);
            }
        });
        if (listen is not null)
        {
            builder.WebHost.UseUrls([.. listen]);
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

    // TAXII 2.1 §1.6.1 (HTTPS) and X.1382 §9.3.2 (protection in transit): plain HTTP only on loopback, where it never
    // leaves the machine (a reverse proxy terminating TLS, tests, the bench).
    private static void CheckUrls(IReadOnlyList<string>? urls, X509Certificate2? certificate)
    {
        if (certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("the TLS server certificate needs its private key", nameof(certificate));
        }

        foreach (var url in urls ?? [])
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                throw new ArgumentException($"'{url}' is not a listening URL", nameof(urls));
            }

            switch (uri.Scheme)
            {
                case "https" when certificate is null:
                    throw new ArgumentException($"'{url}' needs a TLS server certificate (--tls-cert and --tls-key)", nameof(urls));
                case "https":
                    break;
                case "http" when uri.IsLoopback:
                    break;
                case "http":
                    throw new ArgumentException($"'{url}': plain HTTP is served on loopback only (127.0.0.1, [::1], localhost); use https", nameof(urls));
                default:
                    throw new ArgumentException($"'{url}' is neither https nor http", nameof(urls));
            }
        }
    }
}
